import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACTOR, checkPluginMetadata, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
const rows = <T = Record<string, unknown>>(sql: string, bindings: unknown[] = []) => t.inTenant(async (trx) => (await trx.raw(sql, bindings as never[])).rows as T[]);

beforeAll(async () => {
  t = await openTestTenant('sales_demo');
});
afterAll(() => t?.close());

describe('sales plugin', () => {
  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('sales')).toEqual([]);
  });

  it('extends the reference roles and the customer of the plugins it requires', async () => {
    await installPlugin({ tenant: t.tenant, plugin: 'sales', withDemoData: true }, ctx());
    const meta = await t.meta();
    const role = (name: string) => meta.documents.role[name] as unknown as { entities: Record<string, unknown>; actions?: string[] };
    expect(role('account_manager').entities).toMatchObject({ customer: { read: 'own' }, opportunity: { read: 'own' }, lead: { create: true } });
    expect(role('sales_director').actions).toEqual(expect.arrayContaining(['customer.assign', 'customer_loss.confirm_churn', 'opportunity.assign', 'lead.convert']));
    expect(role('executive').entities).toMatchObject({ customer: { read: 'all' }, sales_order: { read: 'all' } });
    expect((meta.entities.customer.fields.status as { options: { value: string }[] }).options.map((o) => o.value)).toEqual(['active', 'at_risk', 'lost', 'prospect']);
    expect(meta.entities.lead.label).toEqual({ en: 'Lead', 'zh-CN': '潜在客户' });
  });

  it('seeds demo sales through the record service: leads, a pipeline, ~300 orders over 12 months', async () => {
    const count = async (table: string) => Number((await rows<{ n: number }>(`select count(*) as n from ${table} where deleted_at is null`))[0].n);
    expect(await count('lead')).toBe(48);
    expect(await count('sales_order')).toBe(300);
    expect(await count('order_line')).toBeGreaterThanOrEqual(300);
    const stages = await rows<{ stage: string; n: number }>(`select stage, count(*) as n from opportunity group by stage order by stage`);
    expect(stages.map((s) => s.stage)).toEqual(['lost', 'negotiation', 'proposal', 'prospecting', 'qualification', 'won']);
    const statuses = await rows<{ status: string; n: number }>(`select status, count(*) as n from sales_order group by status order by status`);
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'completed', 'confirmed', 'new', 'paid', 'shipped']);
    const months = await rows<{ n: number }>(`select count(distinct to_char(order_date, 'YYYY-MM')) as n from sales_order`);
    expect(Number(months[0].n)).toBeGreaterThanOrEqual(12);
    const converted = await rows(`select l.customer, c.status from lead l join customer c on c.id = l.customer where l.status = 'converted'`);
    expect(converted).toHaveLength(12);
    const mismatched = await rows(`select s.id from stock s join stock_move m on m.stock = s.id group by s.id, s.quantity
      having s.quantity <> sum(case when m.direction = 'in' then m.quantity else -m.quantity end) or s.quantity < 0`);
    expect(mismatched).toEqual([]);
    const unissued = await rows(`select o.code from sales_order o where o.status in ('shipped', 'completed') and not exists (select 1 from stock_move m where m.reference = o.code)
      and exists (select 1 from order_line l join product p on p.id = l.product where l.sales_order = o.id and p.category <> 'service')`);
    expect(unissued).toEqual([]);
  });
});
