import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord } from '../../core/index.js';
import { TEST_ACTOR, installPlugin, openTestTenant, uninstallPlugin, type TestTenant } from '../../core/plugins/testing.js';

/**
 * Sales overlays the customers plugin's `customer` and roles. Uninstalling sales must set
 * aside only what depends on sales' own documents, never the tenant's customisations of
 * documents another plugin owns.
 */
describe('uninstalling sales keeps the tenant\'s customisations of customer', () => {
  let t: TestTenant;
  const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });

  beforeAll(async () => {
    t = await openTestTenant('sales_keep');
    await installPlugin({ tenant: t.tenant, plugin: 'sales' }, ctx());
    await t.customise({ kind: 'entity', name: 'customer', fields: { wechat: { id: 'tenant-customer-wechat', type: 'text', label: { en: 'WeChat', 'zh-CN': '微信' } } } });
  }, 600_000);
  afterAll(async () => t?.close());

  it('leaves the customer field, its values and the customer entity in place', async () => {
    const made = await t.withRecords((c) => createRecord('customer', { name: '温州瓯江贸易有限公司', status: 'active', wechat: 'oujiang_trade' }, c));
    const result = await uninstallPlugin({ tenant: await t.current(), plugin: 'sales' }, ctx());
    expect(result.changes.map((c) => c.plugin)).toEqual(['sales']);
    const meta = await t.meta();
    expect(Object.keys(meta.entities.customer.fields ?? {})).toContain('wechat');
    expect(meta.entities.lead).toBeUndefined();
    expect((await t.withRecords((c) => getRecord('customer', String(made.id), c))).wechat).toBe('oujiang_trade');
  });
});
