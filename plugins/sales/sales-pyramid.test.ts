import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, type Actor } from '../../core/index.js';
import { TEST_ACTOR, handlePluginRoute, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
type Pyramid = { customers: number; spend: number; tiers: { tier: string; customers: number; spend: number; minSpend: number; maxSpend: number }[]; members?: { name: string; rank: number; spend: number }[] };
const pyramid = async (query: Record<string, string> = {}, actor: Actor = TEST_ACTOR) =>
  (await handlePluginRoute({ tenant: await t.current(), plugin: 'sales', method: 'GET', path: '/value-pyramid', query }, { knex: t.knex, actor })) as Pyramid;
const user = (roles: string[]): Actor => ({ id: '0190a000-0000-7000-8000-0000000000aa', name: roles.join(), roles, isAdmin: false });

/**
 * 1,000 customers: customer k (1…900) bought for k × 10 yuan in completed orders, the last
 * 100 bought nothing; orders that are new, cancelled or deleted, and a prospect's spend, do not count.
 */
beforeAll(async () => {
  t = await openTestTenant('sales_pyramid');
  await installPlugin({ tenant: t.tenant, plugin: 'sales' }, { knex: t.knex, actor: TEST_ACTOR });
  const product = await t.withRecords((ctx) => createRecord('product', { sku: 'P-1', name: '测试产品', price: 10 }, ctx));
  await t.inTenant(async (trx) => {
    await trx.raw(`insert into customer (id, name, status) select gen_random_uuid(), '客户' || lpad(g::text, 4, '0'), 'active' from generate_series(1, 1000) g`);
    await trx.raw(`insert into customer (id, name, status) values (gen_random_uuid(), '大额潜在客户', 'prospect')`);
    const order = (status: string, deleted = false) =>
      trx.raw(
        `insert into sales_order (id, customer, order_date, status, deleted_at)
         select gen_random_uuid(), id, current_date, ?, ${deleted ? 'now()' : 'null'} from customer where status = 'prospect' or substr(name, 3)::int <= 900`,
        [status],
      );
    for (const [status, deleted] of [['completed', false], ['new', false], ['cancelled', false], ['paid', true]] as const) await order(status, deleted);
    await trx.raw(
      `insert into order_line (id, sales_order, product, quantity, unit_price)
       select gen_random_uuid(), o.id, ?, 1, case when o.status = 'completed' and c.status = 'active' then substr(c.name, 3)::int * 10 else 1000000 end
       from sales_order o join customer c on c.id = o.customer`,
      [String(product.id)],
    );
  });
}, 600_000);
afterAll(() => t?.close());

describe('customer value pyramid (D5)', () => {
  it('puts 1,000 customers into 10 VIP, 40 major, 150 normal and 800 small by spend', async () => {
    const answer = await pyramid();
    expect(answer.customers).toBe(1000);
    expect(answer.tiers.map((x) => [x.tier, x.customers])).toEqual([['vip', 10], ['major', 40], ['normal', 150], ['small', 800]]);
    const sum = (from: number, to: number) => ((from + to) * (to - from + 1) * 10) / 2;
    expect(answer.tiers.map((x) => [x.minSpend, x.maxSpend, x.spend])).toEqual([
      [8910, 9000, sum(891, 900)],
      [8510, 8900, sum(851, 890)],
      [7010, 8500, sum(701, 850)],
      [0, 7000, sum(1, 700)],
    ]);
    expect(answer.spend).toBe(sum(1, 900));
  });

  it('lists the members of a tier by rank', async () => {
    const vip = await pyramid({ tier: 'vip', limit: '3' });
    expect(vip.members!.map((m) => [m.rank, m.name, m.spend])).toEqual([[1, '客户0900', 9000], [2, '客户0899', 8990], [3, '客户0898', 8980]]);
    expect((await pyramid({ tier: 'small', limit: '1000' })).members).toHaveLength(800);
    await expect(pyramid({ tier: 'gold' })).rejects.toMatchObject({ status: 400 });
    await expect(pyramid({ tier: 'vip', limit: '0' })).rejects.toMatchObject({ status: 400 });
  });

  it('is shown to roles with the value_pyramid right only', async () => {
    expect((await pyramid({}, user(['executive']))).customers).toBe(1000);
    expect((await pyramid({}, user(['sales_director']))).customers).toBe(1000);
    await expect(pyramid({}, user(['account_manager']))).rejects.toMatchObject({ status: 403 });
  });
});
