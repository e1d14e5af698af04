import type { RecordContext, RecordData } from '../../../core/index.js';
import { addDays, type Writer } from './demo-kit.js';
import { KIT } from './seed-bundles.js';

/** Share of the list price a key customer has agreed, by the customer's place in the list (a little apart). */
const SHARES = [0.9, 0.88, 0.92, 0.85, 0.93];

/**
 * 客户价格表 for the demo: the strategic and major customers (the first twelve by code) have agreed
 * prices on three products, valid half a year either side of today; the first four also keep an
 * expired price, so the list shows both. Seeded after the demo orders, which keep their prices.
 */
export const seedCustomerPrices = async (w: Writer, ctx: RecordContext, today: string): Promise<void> => {
  if (!ctx.meta.entities.customer_price) return;
  const customers: RecordData[] = await ctx.db('customer').whereNull('deleted_at').whereIn('grade', ['strategic', 'major']).orderBy('code').limit(12).select('id');
  // The office kit's agreed prices go with its customer contents (seed-bundles.ts), one per customer.
  const products: RecordData[] = await ctx.db('product').whereNull('deleted_at').where('price', '>', 0).whereNot('sku', KIT).orderBy('sku').select('id', 'price');
  if (!products.length) return;
  for (const [i, customer] of customers.entries()) {
    for (let k = 0; k < 3; k++) {
      const product = products[(i * 3 + k) % products.length];
      const price = Math.round(Number(product.price) * SHARES[(i + k) % SHARES.length] * 100) / 100;
      await w.create('customer_price', { customer: customer.id, product: product.id, price, valid_from: addDays(today, -180), valid_to: addDays(today, 185), notes: '年度框架协议价' });
      if (i < 4 && k === 0) await w.create('customer_price', { customer: customer.id, product: product.id, price: Math.round(Number(product.price) * 0.95 * 100) / 100, valid_from: addDays(today, -545), valid_to: addDays(today, -181), notes: '上年度协议价' });
    }
  }
};
