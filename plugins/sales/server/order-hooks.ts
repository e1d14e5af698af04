import { AppError, conflict, forbidden, getRecord, isAppError, ruleViolation, type AfterHook, type BeforeHook, type RecordContext } from '../../../core/index.js';
import { issueOrderStock } from './issue-stock.js';
import { shipOrderSerials } from './returns/serial-shipment.js';
import { changedFields, today } from './shared.js';

/** The order of a line, as the actor sees it, still new (its lines change only until it is confirmed). */
const newOrder = async (id: unknown, ctx: RecordContext): Promise<void> => {
  if (typeof id !== 'string' || !id) return; // required: validation names it
  let order;
  try {
    order = await getRecord('sales_order', id, ctx, { fields: ['code', 'status'] });
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw forbidden('You may change only the lines of orders you can see', { errors: [{ field: 'sales_order', message: 'is not yours' }] });
    throw e;
  }
  if (order.status !== 'new') {
    throw new AppError('ORDER_LOCKED', 409, `Order ${String(order.code)} is ${String(order.status)}; its lines change only while it is new`);
  }
};

/** Lines of new orders only (a line without a unit price takes the product's list price: the product field `fills` it). */
export const beforeLineWrite: BeforeHook = async (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete') return newOrder(data.sales_order, ctx);
  if (event.via === 'action:repoint') return; // a merge moved its product to the surviving record: the same product
  await newOrder(data.sales_order ?? old?.sales_order, ctx);
  if (old && changedFields(data, old, ['sales_order']).length) await newOrder(old.sales_order, ctx);
};

/** Fields an order keeps from the state on: its customer once confirmed, its warehouse once shipped. */
const FIXED_FROM: Record<string, string[]> = {
  customer: ['confirmed', 'paid', 'shipped', 'completed', 'cancelled'],
  warehouse: ['shipped', 'completed'],
};

/**
 * An order under way keeps what it was confirmed (or shipped) with — except its customer
 * moved by a merge (the same customer, recorded once); payment and shipment stamp their dates.
 */
export const beforeOrderUpdate: BeforeHook = (event, ctx) => {
  const { data, old } = event;
  const fixed = changedFields(data, old, Object.keys(FIXED_FROM))
    .filter((f) => FIXED_FROM[f].includes(String(old?.status)))
    .filter((f) => !(f === 'customer' && event.via === 'action:repoint'));
  if (fixed.length) {
    throw ruleViolation(`Order ${String(old?.code)} is ${String(old?.status)}; its ${fixed.join(' and ')} no longer ${fixed.length > 1 ? 'change' : 'changes'}`, {
      errors: fixed.map((field) => ({ field, message: `is fixed once the order is ${String(old?.status)}` })),
    });
  }
  if (!changedFields(data, old, ['status']).length) return;
  if (data.status === 'paid') data.paid_on ??= today(ctx);
  if (data.status === 'shipped') data.shipped_on ??= today(ctx);
};

/** 发货出库: the shipment issues the order's stock and its lines' serial numbers in the same transaction; a shortfall refuses it whole. */
export const afterOrderUpdate: AfterHook = async (event, ctx) => {
  if (event.data.status !== 'shipped' || event.old?.status === 'shipped') return;
  await issueOrderStock(event.data, ctx);
  await shipOrderSerials(event.data, ctx);
};

/** Orders under way are history: only new or cancelled orders go to the recycle bin. */
export const beforeOrderDelete: BeforeHook = (event) => {
  const status = String(event.data.status);
  if (status !== 'new' && status !== 'cancelled') throw conflict(`Order ${String(event.data.code)} is ${status}; cancel it instead (only new or cancelled orders can be deleted)`);
};
