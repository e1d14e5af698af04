import { createRecord, getRecord, problem, updateRecord, type AfterHook, type BeforeHook, type RecordContext, type RecordData } from '../../../../core/index.js';
import { bundlePartsFor } from '../bundle-rows.js';
import { changedFields, today, withSystemRights } from '../shared.js';

/** Order states that have shipped goods to take back. */
const SHIPPED = ['shipped', 'completed'];

/**
 * Whether the product went out with the order: on one of its lines, or a component of a
 * bundle on one as the order's customer gets it (their own contents, else the generic ones).
 */
const shippedProduct = async (order: RecordData, product: string, ctx: RecordContext): Promise<boolean> => {
  const lines: string[] = (await ctx.db('order_line').where({ sales_order: String(order.id) }).whereNull('deleted_at').whereNotNull('product').distinct('product')).map((l: RecordData) => String(l.product));
  if (lines.includes(product)) return true;
  const customer = typeof order.customer === 'string' && order.customer ? order.customer : null;
  return [...(await bundlePartsFor(lines, customer, ctx)).values()].some((parts) => parts.some((p) => p.component === product));
};

/**
 * 退货 (RMA): a return names a shipped (or completed) order the writer can see, a product that went
 * out with it and, for a serial-numbered unit, a serial shipped with that order (quantity 1).
 * Once received it no longer changes; receiving it stamps the day.
 */
export const beforeReturnWrite: BeforeHook = async (event, ctx) => {
  const { data, old } = event;
  if (event.via === 'action:repoint') return; // a merge moved what it names to the surviving record: the same thing
  if (old?.status === 'received') throw problem('RETURN_RECEIVED', {});
  if (event.action === 'delete') return;
  const merged = { ...(old ?? {}), ...data };
  if (!old || changedFields(data, old, ['sales_order', 'product', 'serial_number', 'quantity']).length) {
    if (typeof merged.sales_order !== 'string' || typeof merged.product !== 'string') return; // required: validation names them
    const order = await getRecord('sales_order', merged.sales_order, ctx, { fields: ['code', 'status', 'customer'] });
    if (!SHIPPED.includes(String(order.status))) throw problem('RETURN_ORDER_NOT_SHIPPED', { code: String(order.code), status: String(order.status) }, { errors: [{ field: 'sales_order', message: 'has not shipped', code: 'RETURN_ORDER_NOT_SHIPPED' }] });
    const notOnOrder = (field: string) => problem('RETURN_NOT_ON_ORDER', { code: String(order.code) }, { errors: [{ field, message: 'did not ship with the order', code: 'RETURN_NOT_ON_ORDER' }] });
    if (!(await shippedProduct(order, merged.product, ctx))) throw notOnOrder('product');
    if (typeof merged.serial_number === 'string') {
      const serial = await ctx.db('serial_number').where({ id: merged.serial_number }).first('shipped_with');
      if (!serial || serial.shipped_with !== order.code) throw notOnOrder('serial_number');
      if (Number(merged.quantity ?? 1) !== 1) throw problem('RETURN_NOT_ON_ORDER', { code: String(order.code) }, { errors: [{ field: 'quantity', message: 'is one for a serial-numbered unit', code: 'RETURN_NOT_ON_ORDER' }] });
    }
  }
  if (data.status === 'received') data.received_on = today(ctx);
};

/** Receiving a return books the goods back into its warehouse (退货入库) and puts its serial number back on the shelf. */
export const afterReturnWrite: AfterHook = async (event, ctx) => {
  const { data, old } = event;
  if (data.status !== 'received' || old?.status === 'received') return;
  const sys = withSystemRights(ctx);
  const order = await getRecord('sales_order', String(data.sales_order), sys, { fields: ['code'] });
  const serial: RecordData | undefined = typeof data.serial_number === 'string' ? await ctx.db('serial_number').where({ id: data.serial_number }).first('id', 'lot') : undefined;
  await createRecord('stock_move', { product: data.product, warehouse: data.warehouse, lot: serial?.lot ?? undefined, direction: 'in', quantity: data.quantity, reason: 'return', reference: String(order.code) }, sys);
  if (serial) await updateRecord('serial_number', String(serial.id), { status: 'returned', warehouse: data.warehouse }, sys);
};
