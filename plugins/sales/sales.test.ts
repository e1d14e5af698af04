import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateRecords, createRecord, type AggregateQuery } from '../../core/index.js';
import { TEST_ACTOR, checkPluginMetadata, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;

beforeAll(async () => {
  t = await openTestTenant('sales_meta');
});
afterAll(() => t?.close());

describe('sales plugin', () => {
  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('sales')).toEqual([]);
  });

  it('installs the plugins it requires and extends their reference roles and customer', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'sales' }, { knex: t.knex, actor: TEST_ACTOR });
    expect(result.changes.map((c) => c.plugin)).toEqual(['customers', 'products', 'sales']);
    const meta = await t.meta();
    const role = (name: string) => meta.documents.role[name] as unknown as { label: unknown; entities: Record<string, unknown>; actions?: string[] };
    expect(role('account_manager').entities).toMatchObject({ customer: { read: 'own' }, opportunity: { read: 'own' }, lead: { create: true }, product: { read: 'all' } });
    expect(role('account_manager').actions).toEqual(['customer_loss.pause_churn', 'customer_loss.confirm_churn', 'lead.convert', 'quote.new_version', 'quote.generate_contract']);
    expect(role('sales_director').actions).toEqual(expect.arrayContaining(['customer.assign', 'customer_loss.confirm_churn', 'opportunity.assign', 'lead.convert']));
    expect(role('sales_director').label).toEqual({ en: 'Sales director', 'zh-CN': '销售主管' }); // from customers: the overlay adds rights only
    expect(role('executive').entities).toMatchObject({ customer: { read: 'all' }, sales_order: { read: 'all' } });
    expect(meta.owner).toMatchObject({ 'role/sales_director': 'plugin:customers', 'entity/lead': 'plugin:sales', 'entity/customer': 'plugin:customers' });
    const status = meta.entities.customer.fields.status as { type: string; options: { value: string }[] };
    expect([status.type, status.options.map((o) => o.value)]).toEqual(['enum', ['active', 'at_risk', 'lost', 'prospect']]);
    const form = meta.documents.form.customer as unknown as { tabs: { name: string; sections: { relatedList?: { entity: string } }[] }[] };
    expect(form.tabs.map((tab) => [tab.name, tab.sections[0].relatedList?.entity])).toEqual([['opportunities', 'opportunity'], ['orders', 'sales_order'], ['prices', 'customer_price']]);
    for (const entity of ['lead', 'opportunity', 'development_plan', 'sales_order', 'order_line', 'sales_expense', 'quote', 'quote_line', 'document_template', 'customer_price', 'sales_return']) {
      expect(meta.entities[entity].label).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
      const views = Object.values(meta.documents.view).filter((v) => (v as { entity?: string }).entity === entity);
      expect(views.length, entity).toBeGreaterThan(0);
      expect(meta.documents.form[entity], entity).toBeDefined();
    }
  });

  it('gives churn a reason from its dictionary, and counts churn by reason with the latest last order (none: null)', async () => {
    const meta = await t.meta();
    const reasons = meta.documents.dictionary.churn_reason as unknown as { items: { value: string; label: { en: string; 'zh-CN': string } }[] };
    expect(reasons.items.find((i) => i.value === 'competitor')?.label).toEqual({ en: 'Moved to a competitor', 'zh-CN': '转向竞争对手' });
    const answer = await t.withRecords(async (ctx) => {
      const customer = await createRecord('customer', { name: 'Quiet Co' }, ctx);
      await createRecord('customer_loss', { customer: customer.id, reason_category: 'price', last_order_date: '2025-03-01' }, ctx);
      await createRecord('customer_loss', { customer: customer.id, reason_category: 'price', last_order_date: '2025-06-30' }, ctx);
      await createRecord('customer_loss', { customer: customer.id, reason_category: 'service' }, ctx);
      const { entity, groupBy, measures } = meta.documents.report.churn_by_reason as unknown as AggregateQuery;
      return aggregateRecords({ entity, groupBy, measures }, ctx);
    });
    expect(answer.rows).toEqual([
      { reason_category: 'price', status: 'warning', churns: 2, last_order: '2025-06-30' },
      { reason_category: 'service', status: 'warning', churns: 1, last_order: null },
    ]);
  });
});
