import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createRecord } from '../../core/index.js';
import { openSystemWork, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import { writer } from './seed/demo-kit.js';
import { seedCustomerBundlePrices, seedCustomerBundles } from './seed/seed-bundles.js';

/** The demo's customer-specific office kits (客户专用组合): three key customers' own contents and agreed prices, through the record service. */
describe('sales: demo customer bundles', () => {
  let close: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const started = await startTestServer();
    knex = started.db.knex;
    close = () => started.server.close();
    await provisionTenant({ slug: 'kitdemo', adminEmail: 'admin@kitdemo.local', adminPassword: 'Kit-Demo-2026', plugins: ['sales'] }, { knex });
  }, 600_000);
  afterAll(async () => close?.());

  it('gives the first three strategic customers their own kit contents and a kit price, and nobody else', async () => {
    const counts: Record<string, number> = {};
    const ids = await openSystemWork(knex, 'kitdemo', async (ctx) => {
      const product = async (sku: string, price: number) => String((await createRecord('product', { sku, name: sku, price, category: 'hardware' }, ctx)).id);
      const kit = await product('BD-OFFICE', 11599);
      for (const sku of ['HW-NB-14', 'HW-MON-27', 'AC-MOUSE', 'AC-KB', 'AC-DOCK']) await createRecord('product_bundle_item', { bundle: kit, component: await product(sku, 100), quantity: 1 }, ctx);
      const customers: string[] = [];
      for (const [name, grade] of [['甲', 'strategic'], ['乙', 'strategic'], ['丙', 'major'], ['丁', 'strategic'], ['戊', 'strategic']]) {
        customers.push(String((await createRecord('customer', { name: `${name}客户有限公司`, grade, status: 'active' }, ctx)).id));
      }
      const w = writer(ctx, counts);
      await seedCustomerBundles(w, ctx);
      await seedCustomerBundlePrices(w, ctx, '2026-12-07');
      return { kit, customers };
    });
    expect(counts).toEqual({ product_bundle_item: 12, customer_price: 3 });
    const rows = await openSystemWork(knex, 'kitdemo', async (ctx) =>
      ctx.db('product_bundle_item as i').leftJoin('customer_price as p', function join() {
        this.on('p.customer', 'i.customer').andOn('p.product', 'i.bundle');
      }).whereNotNull('i.customer').groupBy('i.customer', 'p.price').select('i.customer').sum({ units: 'i.quantity' }).count({ rows: '*' }).select({ price: 'p.price' }),
    );
    const byCustomer = Object.fromEntries(rows.map((r: Record<string, unknown>) => [String(r.customer), [Number(r.rows), Number(r.units), Number(r.price)]]));
    const [a, b, , d, e] = ids.customers;
    // By code: 甲, 乙 and 丁 are the first three strategic customers; 丙 is major, 戊 the fourth.
    expect(byCustomer).toEqual({ [a]: [5, 6, 12999], [b]: [3, 3, 10499], [d]: [4, 4, 8999] });
    expect(byCustomer[e]).toBeUndefined();
  });
});
