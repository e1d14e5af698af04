import { addDays, addMonths, createRecord, getRecord, listRecords, type RecordContext } from '../../../core/index.js';
import { dateOf } from '../server/dates.js';

/**
 * Warranty demo (保修查询): when the sales demo shipped serial-numbered units before this
 * plugin's seed ran, each of the first ten gets a factory warranty naming the unit, from its
 * shipment: three years for most, three months for every third (so the lookup shows units
 * in and out of warranty). Without `sales` there is nothing to do.
 */
export const seedDemoWarranties = async (today: string, ctx: RecordContext): Promise<number> => {
  if (!ctx.meta.entities.serial_number?.fields.order_line || !ctx.meta.entities.sales_order) return 0;
  const { data: units } = await listRecords('serial_number', { filter: { '!!': [{ var: 'order_line' }] }, fields: ['id', 'serial', 'product', 'product.name', 'order_line'], sort: 'serial', limit: 10 }, ctx);
  let made = 0;
  for (const [i, unit] of units.entries()) {
    const line = await getRecord('order_line', String(unit.order_line), ctx, { fields: ['sales_order'] });
    const order = await getRecord('sales_order', String(line.sales_order), ctx, { fields: ['customer', 'shipped_on', 'order_date'] });
    const start = dateOf(order.shipped_on) ?? dateOf(order.order_date) ?? today;
    const months = i % 3 === 2 ? 3 : 36;
    await createRecord('service_contract', {
      title: `${(unit as Record<string, unknown>)['product.name']}原厂保修（${unit.serial}）`,
      customer: order.customer,
      product: unit.product,
      serial_number: unit.id,
      kind: 'warranty',
      start_date: start,
      end_date: addDays(addMonths(start, months), -1),
      warranty_months: months,
      amount: 0,
      notes: '原厂保修：保修期内免费维修或更换故障部件。',
    }, ctx);
    made++;
  }
  return made;
};
