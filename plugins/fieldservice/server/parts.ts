import { createRecord, getRecord, problem, withSystemRights, type BeforeHook } from '../../../core/index.js';

const OPEN = ['scheduled', 'in_progress'];

/**
 * A part used on a work order is issued from stock: a stock move out of the part's
 * warehouse (the order's, unless the part names one) is booked in the same transaction
 * through the products plugin, so stock never goes below zero (409 INSUFFICIENT_STOCK).
 * The order must be the user's to update (their scope) and still open. The move is the
 * system's bookkeeping: an engineer needs no right to write stock moves themselves.
 */
export const issuePart: BeforeHook = async (event, ctx) => {
  const data = event.data;
  if (typeof data.work_order !== 'string' || typeof data.product !== 'string') return; // required: validation refuses it
  const order = await getRecord('work_order', data.work_order, ctx);
  if (!OPEN.includes(String(order.status))) throw problem('FIELDSERVICE_ORDER_CLOSED', { order: String(order.number), status: String(order.status) });
  data.warehouse ??= order.warehouse ?? null;
  if (typeof data.warehouse !== 'string' || !data.warehouse) throw problem('FIELDSERVICE_NO_WAREHOUSE', {}, { errors: [{ field: 'warehouse', message: 'is required' }] });
  const move = await createRecord('stock_move', { product: data.product, warehouse: data.warehouse, direction: 'out', quantity: data.quantity ?? 1, reason: 'sale', reference: String(order.number) }, withSystemRights(ctx));
  data.stock_move = move.id;
};

