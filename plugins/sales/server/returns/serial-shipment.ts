import { problem, updateRecord, type RecordContext, type RecordData } from '../../../../core/index.js';
import { withSystemRights } from '../shared.js';

/** States from which a unit may go out (a returned unit is back on the shelf). */
const SHIPPABLE = ['in_stock', 'returned'];

/**
 * 序列号随发货: the serial numbers assigned to the order's lines leave with the shipment, in the
 * shipment's transaction: each becomes sold, leaves its warehouse and records the order. A unit
 * not on the shelf (sold, scrapped) refuses the shipment whole (409 SERIAL_NOT_AVAILABLE).
 */
export const shipOrderSerials = async (order: RecordData, ctx: RecordContext): Promise<void> => {
  if (!ctx.meta.entities.serial_number?.fields?.order_line) return;
  const serials: RecordData[] = await ctx.db('serial_number as s')
    .join('order_line as l', 'l.id', 's.order_line')
    .where('l.sales_order', String(order.id))
    .whereNull('s.deleted_at')
    .whereNull('l.deleted_at')
    .orderBy('s.serial')
    .select('s.id', 's.serial', 's.status');
  const unavailable = serials.filter((s) => !SHIPPABLE.includes(String(s.status)));
  if (unavailable.length) {
    throw problem('SERIAL_NOT_AVAILABLE', { code: String(order.code), serials: unavailable.map((s) => String(s.serial)).join(', ') }, { errors: [{ field: 'status', message: 'has serial numbers that are not in stock', code: 'SERIAL_NOT_AVAILABLE' }] });
  }
  const sys = withSystemRights(ctx);
  for (const s of serials) await updateRecord('serial_number', String(s.id), { status: 'sold', warehouse: null, shipped_with: String(order.code) }, sys);
};
