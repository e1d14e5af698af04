import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, type Actor } from '../../core/index.js';
import { TEST_ACTOR, handlePluginRoute, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
type Mover = { name: string; fromTier: string; toTier: string };
type Movement = { from: string; to: string; movedUp: number; movedDown: number; stayed: number; matrix: { from: string; to: string; customers: number }[]; up: Mover[]; down: Mover[] };
const movement = async (query: Record<string, string>, actor: Actor = TEST_ACTOR) =>
  (await handlePluginRoute({ tenant: await t.current(), plugin: 'sales', method: 'GET', path: '/value-pyramid/movement', query }, { knex: t.knex, actor })) as Movement;

/**
 * 100 customers: customer k bought for k yuan on 2026-03-01. Customer 1 then bought for
 * 10,000 on 2026-09-01. As of 2026-06-30 customer 100 is the VIP, 99–96 major, 95–81 normal;
 * as of 2026-12-31 customer 1 is the VIP, which pushes 100, 96 and 81 down a tier each.
 */
beforeAll(async () => {
  t = await openTestTenant('sales_pyramid_moves');
  await installPlugin({ tenant: t.tenant, plugin: 'sales' }, { knex: t.knex, actor: TEST_ACTOR });
  const product = await t.withRecords((ctx) => createRecord('product', { sku: 'P-1', name: '测试产品', price: 10 }, ctx));
  await t.inTenant(async (trx) => {
    await trx.raw(`insert into customer (id, name, status) select gen_random_uuid(), 'C' || lpad(g::text, 3, '0'), 'active' from generate_series(1, 100) g`);
    await trx.raw(`insert into sales_order (id, customer, order_date, status) select gen_random_uuid(), id, date '2026-03-01', 'completed' from customer`);
    await trx.raw(`insert into sales_order (id, customer, order_date, status) select gen_random_uuid(), id, date '2026-09-01', 'completed' from customer where name = 'C001'`);
    await trx.raw(
      `insert into order_line (id, sales_order, product, quantity, unit_price)
       select gen_random_uuid(), o.id, ?, 1, case when o.order_date = date '2026-09-01' then 10000 else substr(c.name, 2)::int end
       from sales_order o join customer c on c.id = o.customer`,
      [String(product.id)],
    );
  });
}, 600_000);
afterAll(() => t?.close());

describe('value pyramid movement (D5)', () => {
  it('tells who moved up and who moved down between two days', async () => {
    const m = await movement({ from: '2026-06-30', to: '2026-12-31' });
    expect([m.movedUp, m.movedDown, m.stayed]).toEqual([1, 3, 96]);
    expect(m.up.map((x) => [x.name, x.fromTier, x.toTier])).toEqual([['C001', 'small', 'vip']]);
    expect(m.down.map((x) => [x.name, x.fromTier, x.toTier]).sort()).toEqual([['C081', 'normal', 'small'], ['C096', 'major', 'normal'], ['C100', 'vip', 'major']]);
    expect(m.matrix.find((c) => c.from === 'small' && c.to === 'small')!.customers).toBe(79);
  });

  it('refuses bad days and readers without the pyramid right', async () => {
    await expect(movement({ from: '2026-12-31', to: '2026-06-30' })).rejects.toMatchObject({ status: 400 });
    await expect(movement({ from: 'yesterday' })).rejects.toMatchObject({ status: 400 });
    const rep: Actor = { id: '0190a000-0000-7000-8000-0000000000ab', name: 'rep', roles: ['account_manager'], isAdmin: false };
    await expect(movement({}, rep)).rejects.toMatchObject({ status: 403 });
  });
});
