import { addDays, createRecord, todayIn, type RecordContext } from '../../../core/index.js';
import { BUNDLE, PRODUCTS, WAREHOUSES } from './demo-products.js';


/**
 * Demo catalogue and inventory: warehouses, products with a bundle, lots and serial
 * numbers, then purchases into every warehouse and some sales out of them, all as stock
 * moves, so stock is built the way users build it.
 */
export const seedDemoProducts = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const counts: Record<string, number> = { warehouse: 0, product: 0, product_bundle_item: 0, lot: 0, serial_number: 0, stock_move: 0 };
  const create = async (entity: string, data: Record<string, unknown>) => {
    counts[entity]++;
    return createRecord(entity, data, ctx);
  };
  const today = todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());
  const daysFrom = (days: number): string => addDays(today, days);
  const warehouses = [];
  for (const w of WAREHOUSES) warehouses.push(await create('warehouse', w));
  const bySku = new Map<string, Record<string, unknown>>();
  let n = 0;
  for (const [sku, name, category, specification, model, unit, price, tracking] of PRODUCTS) {
    const product = await create('product', { sku, name, category, specification, model, unit, price, track_lots: tracking === 'lot' });
    bySku.set(sku, product);
    for (const [i, warehouse] of warehouses.entries()) {
      const lot = tracking === 'lot' ? await create('lot', { product: product.id, lot_number: `${sku.slice(-4)}-2024${String(i + 1).padStart(2, '0')}`, manufactured_on: daysFrom(-120 - i * 30), expiry_date: daysFrom(240 - i * 90) }) : undefined;
      const quantity = category === 'service' ? 0 : 10 + ((n++ * 7) % 40);
      if (!quantity) continue;
      await create('stock_move', { product: product.id, warehouse: warehouse.id, lot: lot?.id, direction: 'in', quantity, reason: 'purchase', reference: `PO-2024-${String(n).padStart(4, '0')}` });
      if (i === 0) await create('stock_move', { product: product.id, warehouse: warehouse.id, lot: lot?.id, direction: 'out', quantity: Math.ceil(quantity / 3), reason: 'sale', reference: `SO-2024-${String(n).padStart(4, '0')}` });
      if (tracking === 'serial' && i === 0) {
        for (let s = 1; s <= 3; s++) await create('serial_number', { product: product.id, serial: `${model.replace(/\s+/g, '')}-${String(s).padStart(5, '0')}`, warehouse: warehouse.id, status: 'in_stock' });
      }
    }
  }
  const { components, ...bundle } = BUNDLE;
  const kit = await create('product', bundle);
  for (const [sku, quantity] of components) await create('product_bundle_item', { bundle: kit.id, component: bySku.get(sku)!.id, quantity });
  return counts;
};
