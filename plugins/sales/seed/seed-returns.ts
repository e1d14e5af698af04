import { updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';
import type { Writer } from './demo-kit.js';

const REASONS = ['开箱故障，客户要求退货', '型号与订单不符', '客户项目取消，协商退货'];

/**
 * Serial numbers and returns (RMA) for the demo: on three shipped demo orders with a
 * serial-numbered product, a unit recorded as shipped with the order's line; the first two
 * come back (received into stock, the serial returned), the third is requested; and one
 * return of a plain product, received. Seeded after the orders (their shipments predate
 * serial tracking on lines, so the units are recorded as the shipment would have).
 */
export const seedReturns = async (w: Writer, ctx: RecordContext): Promise<void> => {
  if (!ctx.meta.entities.sales_return) return;
  const serialLines: RecordData[] = (
    await ctx.db.raw(
      `select distinct on (o.code) l.id as line, l.product, o.id as sales_order, o.code, o.warehouse
       from order_line l join sales_order o on o.id = l.sales_order
       where o.status in ('shipped', 'completed') and o.warehouse is not null and l.deleted_at is null and o.deleted_at is null
         and exists (select 1 from serial_number s where s.product = l.product and s.status = 'in_stock' and s.deleted_at is null)
       order by o.code, l.id limit 3`,
    )
  ).rows;
  const taken = new Set<string>();
  for (const [i, line] of serialLines.entries()) {
    const unit = await ctx.db('serial_number').where({ product: line.product, status: 'in_stock' }).whereNull('deleted_at').whereNotIn('id', [...taken]).orderBy('serial').first('id');
    if (!unit) continue;
    taken.add(String(unit.id));
    await updateRecord('serial_number', String(unit.id), { order_line: line.line, status: 'sold', warehouse: null, shipped_with: line.code }, ctx);
    const rma = await w.create('sales_return', { sales_order: line.sales_order, product: line.product, serial_number: unit.id, quantity: 1, warehouse: line.warehouse, reason: REASONS[i % REASONS.length] });
    if (i < 2) await updateRecord('sales_return', String(rma.id), { status: 'received' }, ctx);
  }
  const plain: RecordData | undefined = (
    await ctx.db.raw(
      `select l.product, o.id as sales_order, o.warehouse
       from order_line l join sales_order o on o.id = l.sales_order join product p on p.id = l.product
       where o.status = 'completed' and o.warehouse is not null and l.deleted_at is null and not p.track_lots and p.category = 'accessory'
       order by o.code desc, l.id limit 1`,
    )
  ).rows[0];
  if (plain) {
    const rma = await w.create('sales_return', { sales_order: plain.sales_order, product: plain.product, quantity: 1, warehouse: plain.warehouse, reason: '包装破损，客户拒收' });
    await updateRecord('sales_return', String(rma.id), { status: 'received' }, ctx);
  }
};
