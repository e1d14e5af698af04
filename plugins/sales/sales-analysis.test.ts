import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot, type Actor, type PivotAnswer, type PivotInput } from '../../core/index.js';
import { TEST_ACTOR, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
const lihua = '0190a000-0000-7000-8000-0000000000a1';
const wang = '0190a000-0000-7000-8000-0000000000a2';
const pivot = (input: PivotInput, actor: Actor = TEST_ACTOR) => t.withRecords((ctx) => runPivot('sales_analysis', input, ctx), { actor });
/** "row|col" → sales, for comparing with totals computed by hand. */
const sales = (p: PivotAnswer) => Object.fromEntries(p.cells.map((c) => [`${c.row.join('/')}|${c.col.join('/')}`, c.values.sales]));

/**
 * Three customers (Shenzhen and Guangzhou in Guangdong, Beijing), two products (hardware
 * at 100, software at 200), two account managers in two teams, and four orders:
 * SO1 Shenzhen 2026-01-10 李华 2×A + 1×B = 400; SO2 Guangzhou 2026-02-05 李华 1×A = 100;
 * SO3 Beijing 2026-04-20 王强 3×B = 600; SO4 Beijing 2026-05-01 王强 10×A, still new (not sold).
 */
beforeAll(async () => {
  t = await openTestTenant('sales_analysis');
  await installPlugin({ tenant: t.tenant, plugin: 'sales' }, { knex: t.knex, actor: TEST_ACTOR });
  await t.inTenant(async (trx) => {
    await trx('_users').insert([{ id: lihua, team: 'sales_east' }, { id: wang, team: 'sales_north' }]);
    const [a] = await trx('product').insert({ id: trx.raw('gen_random_uuid()'), sku: 'A', name: '服务器', price: 100, category: 'hardware' }).returning('id');
    const [b] = await trx('product').insert({ id: trx.raw('gen_random_uuid()'), sku: 'B', name: '数据库许可', price: 200, category: 'software' }).returning('id');
    const customer = async (name: string, province: string, city: string, owner: string) =>
      (await trx('customer').insert({ id: trx.raw('gen_random_uuid()'), name, status: 'active', country: 'CN', province, city, owner_id: owner }).returning('id'))[0].id;
    const sz = await customer('深圳客户', '440000', '440300', lihua);
    const gz = await customer('广州客户', '440000', '440100', lihua);
    const bj = await customer('北京客户', '110000', '110100', wang);
    const order = async (customerId: string, date: string, owner: string, status: string, lines: [string, number, number][]) => {
      const [o] = await trx('sales_order').insert({ id: trx.raw('gen_random_uuid()'), customer: customerId, order_date: date, status, owner_id: owner }).returning('id');
      for (const [product, quantity, price] of lines) await trx('order_line').insert({ id: trx.raw('gen_random_uuid()'), sales_order: o.id, product, quantity, unit_price: price, owner_id: owner });
    };
    await order(sz, '2026-01-10', lihua, 'completed', [[a.id, 2, 100], [b.id, 1, 200]]);
    await order(gz, '2026-02-05', lihua, 'paid', [[a.id, 1, 100]]);
    await order(bj, '2026-04-20', wang, 'shipped', [[b.id, 3, 200]]);
    await order(bj, '2026-05-01', wang, 'new', [[a.id, 10, 100]]);
  });
}, 600_000);
afterAll(() => t?.close());

describe('sales analysis pivot (D1)', () => {
  it('rolls sold lines up from city to province to the country, by quarter', async () => {
    const p = await pivot({ rows: ['region:city'], columns: ['time:quarter'], measures: ['sales', 'orders'] });
    const s = sales(p);
    expect(s['CN/440000/440300|2026/2026-Q1']).toBe(400);
    expect(s['CN/440000/440100|2026/2026-Q1']).toBe(100);
    expect(s['CN/440000|2026/2026-Q1']).toBe(500);
    expect(s['CN/110000/110100|2026/2026-Q2']).toBe(600);
    expect(s['CN/110000|']).toBe(600);
    expect(s['CN|2026']).toBe(1100);
    expect(s['|']).toBe(1100);
    expect(p.cells.find((c) => c.row.length === 0 && c.col.length === 0)!.values.orders).toBe(3);
    expect(p.valueLabels['region.city']['440300']).toEqual({ en: 'Shenzhen', 'zh-CN': '深圳市' });
    expect(p.valueLabels['region.province']['110000']).toEqual({ en: 'Beijing', 'zh-CN': '北京市' });
  });

  it('groups by product category and product, and by the owner\'s team', async () => {
    expect(sales(await pivot({ rows: ['product:product'], measures: ['sales'] }))).toEqual({
      'hardware/服务器|': 300, 'hardware|': 300, 'software/数据库许可|': 800, 'software|': 800, '|': 1100,
    });
    expect(sales(await pivot({ rows: ['organisation:team'], columns: ['product'], measures: ['sales'] }))).toEqual({
      'sales_east|hardware': 300, 'sales_east|software': 200, 'sales_east|': 500,
      'sales_north|software': 600, 'sales_north|': 600,
      '|hardware': 300, '|software': 800, '|': 1100,
    });
  });

  it('shows an account manager only her own totals (her orders, and the regions of the customers she may read)', async () => {
    const her: Actor = { id: lihua, name: '李华', roles: ['account_manager'], team: 'sales_east', isAdmin: false };
    expect(sales(await pivot({ rows: ['region:province'], measures: ['sales'] }, her))).toEqual({ 'CN/440000|': 500, 'CN|': 500, '|': 500 });
  });
});
