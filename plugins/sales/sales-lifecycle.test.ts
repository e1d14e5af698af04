import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord, listRecords, runTransition, type RecordContext, type RecordData } from '../../core/index.js';
import {
  TEST_ACTOR,
  handlePluginRoute,
  installPlugin,
  openTestTenant,
  renameField,
  runRecordAction,
  uninstallPlugin,
  upgradePlugin,
  useBundledPluginCopy,
  type TestTenant,
} from '../../core/plugins/testing.js';

const ENTITIES = ['lead', 'opportunity', 'development_plan', 'sales_order', 'order_line', 'sales_expense'];

let t: TestTenant;
let restoreCopy: (() => void) | undefined;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
/** Every row of the plugin's tables (retired columns too) and their history. */
const everything = () =>
  t.inTenant(async (trx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const e of ENTITIES) out[e] = await trx(e).orderBy('id').select('*');
    out._history = await trx('_history').whereIn('entity', ENTITIES).orderBy('id').select('*');
    return out;
  });
const qualify = (id: unknown, c: RecordContext) => runTransition({ entity: 'lead', id: String(id), transition: 'qualify' }, c);
const convert = async (id: unknown) => runRecordAction({ tenant: await t.current(), entity: 'lead', id: String(id), action: 'convert', params: { amount: 50000 } }, ctx());

let lead: RecordData;

beforeAll(async () => {
  t = await openTestTenant('sales_life');
  await installPlugin({ tenant: t.tenant, plugin: 'sales' }, ctx());
  await t.customise({ kind: 'entity', name: 'lead', fields: { wechat: { id: 'tenant-lead-wechat', type: 'text', label: { en: 'WeChat', 'zh-CN': '微信' }, maxLength: 50 } } });
}, 600_000);
afterAll(async () => {
  restoreCopy?.();
  await t?.close();
});

describe('sales plugin through its lifecycle', () => {
  it('is used: a converted lead with the tenant field, a plan, an order with lines, an expense', async () => {
    lead = await t.withRecords(async (c) => {
      const made = await createRecord('lead', { company: '宁波恒信商贸有限公司', contact_name: '周敏', phone: '0574-87654321', wechat: 'hengxin_zm' }, c);
      return qualify(made.id, c);
    });
    const { opportunity, customer } = (await convert(lead.id)) as Record<string, RecordData>;
    await t.withRecords(async (c) => {
      await createRecord('development_plan', { opportunity: opportunity.id, step: '电话沟通需求' }, c);
      const product = await createRecord('product', { sku: 'LC-1', name: '生命周期产品', price: 99 }, c);
      const order = await createRecord('sales_order', { customer: customer.id, delivery_address: '宁波市鄞州区天童南路588号' }, c);
      await createRecord('order_line', { sales_order: order.id, product: product.id, quantity: 2 }, c);
      await createRecord('sales_expense', { opportunity: opportunity.id, type: 'travel', amount: 860, subject: '拜访客户差旅' }, c);
      expect(await getRecord('sales_order', String(order.id), c)).toMatchObject({ total: 198 });
    });
  });

  it('keeps every record and the tenant field through uninstall and reinstall', async () => {
    const before = await everything();
    expect(before.lead).toHaveLength(1);
    await expect(uninstallPlugin({ tenant: t.tenant, plugin: 'customers' }, ctx())).rejects.toMatchObject({ status: 409, code: 'PLUGIN_REQUIRED' });

    await uninstallPlugin({ tenant: t.tenant, plugin: 'sales' }, ctx());
    const meta = await t.meta();
    for (const e of ENTITIES) expect(meta.entities[e], e).toBeUndefined();
    expect((meta.documents.role.account_manager as unknown as { actions: string[] }).actions).toEqual(['customer_loss.pause_churn', 'customer_loss.confirm_churn']);
    expect((meta.entities.customer.fields.status as { options: { value: string }[] }).options.map((o) => o.value)).toEqual(['active', 'at_risk', 'lost']);
    await expect(t.withRecords((c) => getRecord('lead', String(lead.id), c))).rejects.toMatchObject({ status: 404 });
    await expect(convert(lead.id)).rejects.toMatchObject({ status: 404 });
    await expect(handlePluginRoute({ tenant: await t.current(), plugin: 'sales', method: 'GET', path: '/value-pyramid' }, ctx())).rejects.toMatchObject({ status: 404 });
    expect(await everything()).toEqual(before);

    const back = await installPlugin({ tenant: t.tenant, plugin: 'sales' }, ctx());
    expect(back.changes).toEqual([{ plugin: 'sales', version: '1.0.0', change: 'reinstalled' }]);
    expect(await everything()).toEqual(before);
    expect(await t.withRecords((c) => getRecord('lead', String(lead.id), c))).toMatchObject({ status: 'converted', wechat: 'hengxin_zm' });
    await expect(convert(lead.id)).rejects.toMatchObject({ status: 409, code: 'LEAD_ALREADY_CONVERTED' });
    const next = await t.withRecords(async (c) => qualify((await createRecord('lead', { company: '重装后新线索有限公司', contact_name: '吴杰', email: 'wu@example.cn' }, c)).id, c));
    expect(await convert(next.id)).toMatchObject({ lead: { status: 'converted' }, customer: { status: 'prospect' } });
  });

  it('gives a tenant without it 404 for its entities, actions and routes, and none of its hooks', async () => {
    const other = await t.otherTenant('no_sales');
    const refused = [
      other.withRecords((c) => listRecords('opportunity', {}, c)),
      other.withRecords((c) => createRecord('sales_order', { customer: lead.customer }, c)),
      runRecordAction({ tenant: other.tenant, entity: 'lead', id: String(lead.id), action: 'convert', params: {} }, ctx()),
      handlePluginRoute({ tenant: other.tenant, plugin: 'sales', method: 'GET', path: '/value-pyramid' }, ctx()),
    ];
    for (const r of await Promise.allSettled(refused)) expect(r).toMatchObject({ status: 'rejected', reason: { status: 404, code: 'NOT_FOUND' } });
    // An entity of its own named like the plugin's: the plugin's hook (links set by conversion only) does not apply.
    await other.customise({ kind: 'entity', name: 'lead', label: { en: 'Lead', 'zh-CN': '线索' }, fields: { company: { type: 'text', label: { en: 'Company', 'zh-CN': '公司' } }, customer: { type: 'text', label: { en: 'Customer', 'zh-CN': '客户' } } } });
    expect(await other.withRecords((c) => createRecord('lead', { company: '自建线索', customer: '手填' }, c))).toMatchObject({ customer: '手填' });
  });

  it('upgrades to a version that renames a field, keeping its data', async () => {
    const before = await everything();
    const addresses = Object.fromEntries(before.sales_order.map((o) => [o.id, o.delivery_address]));
    expect(Object.values(addresses)).toEqual(['宁波市鄞州区天童南路588号']);
    const copy = await useBundledPluginCopy(['customers', 'products', 'sales'], (p) =>
      p.manifest.name === 'sales' ? { manifest: { ...p.manifest, version: '1.1.0' }, documents: renameField(p.documents, 'sales_order', 'delivery_address', 'ship_to') } : p,
    );
    restoreCopy = copy.restore;
    expect((await upgradePlugin({ tenant: t.tenant, plugin: 'sales' }, ctx())).changes).toEqual([{ plugin: 'sales', version: '1.1.0', change: 'upgraded' }]);
    const fields = (await t.meta()).entities.sales_order.fields;
    expect([fields.delivery_address, fields.ship_to?.type]).toEqual([undefined, 'text']);
    const after = await everything();
    for (const o of after.sales_order) expect(o.ship_to).toBe(addresses[String(o.id)]);
    for (const e of ENTITIES.filter((x) => x !== 'sales_order')) expect(after[e]).toEqual(before[e]);
    expect(after._history).toEqual(before._history);
    expect(await t.withRecords((c) => getRecord('lead', String(lead.id), c))).toMatchObject({ wechat: 'hengxin_zm' });
  });
});
