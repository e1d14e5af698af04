import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord, listRecords, updateRecord } from '../../core/index.js';
import {
  TEST_ACTOR,
  checkPluginMetadata,
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

const ENTITIES = ['customer', 'contact', 'activity', 'customer_loss'];

let t: TestTenant;
let restoreCopy: (() => void) | undefined;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
const tenant = () => t.current();
/** Every row of the plugin's tables (retired ones too), and their history. */
const everything = () =>
  t.inTenant(async (trx) => {
    const out: Record<string, unknown[]> = {};
    for (const e of ENTITIES) out[e] = await trx(e).orderBy('id').select('*');
    out._history = await trx('_history').whereIn('entity', ENTITIES).orderBy('id').select('*');
    return out;
  });
const act = async (id: unknown, action: string, params: Record<string, unknown>) =>
  runRecordAction({ tenant: await tenant(), entity: 'customer_loss', id: String(id), action, params }, ctx());

beforeAll(async () => {
  t = await openTestTenant('customers_life');
  await installPlugin({ tenant: t.tenant, plugin: 'customers', withDemoData: true }, ctx());
  await t.customise({
    kind: 'entity',
    name: 'customer',
    fields: {
      website: { label: { en: 'Homepage', 'zh-CN': '官网' } },
      wechat: { id: 'tenant-customer-wechat', type: 'text', label: { en: 'WeChat', 'zh-CN': '微信号' }, maxLength: 50 },
    },
  });
});
afterAll(async () => {
  restoreCopy?.();
  await t?.close();
});

describe('customers plugin through its lifecycle', () => {
  let mine: Record<string, unknown>;

  it('is used with the tenant field it added', async () => {
    mine = await t.withRecords((c) => createRecord('customer', { name: '杭州云栖数据有限公司', region: 'east', website: 'https://yunqi.example.cn', wechat: 'yunqi_data' }, c));
    expect(mine).toMatchObject({ code: 'KH000201', grade: 'normal', status: 'active', wechat: 'yunqi_data' });
    const first = await t.withRecords(async (c) => (await listRecords('customer', { sort: 'code', limit: 1 }, c)).data[0]);
    const updated = await t.withRecords((c) => updateRecord('customer', String(first.id), { wechat: 'first_cn' }, c, { ifMatch: Number(first.version) }));
    expect(updated).toMatchObject({ wechat: 'first_cn', version: Number(first.version) + 1 });
    const loss = await t.inTenant((trx) => trx('customer_loss').where({ status: 'warning' }).orderBy('id').first('id'));
    expect(await act(loss.id, 'pause_churn', { measures: '安排区域经理回访' })).toMatchObject({ status: 'paused' });
  });

  it('keeps every record and the tenant field through uninstall and reinstall', async () => {
    const before = await everything();
    expect(before.customer).toHaveLength(201);

    const gone = await uninstallPlugin({ tenant: t.tenant, plugin: 'customers' }, ctx());
    expect(gone.changes).toEqual([{ plugin: 'customers', version: '1.0.0', change: 'uninstalled' }]);
    expect((await t.meta()).entities.customer).toBeUndefined();
    await expect(t.withRecords((c) => getRecord('customer', String(mine.id), c))).rejects.toMatchObject({ status: 404 });
    const loss = before.customer_loss[0] as { id: string };
    await expect(act(loss.id, 'pause_churn', { measures: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(handlePluginRoute({ tenant: await tenant(), plugin: 'customers', method: 'GET', path: '/summary' }, ctx())).rejects.toMatchObject({ status: 404 });
    expect(await everything()).toEqual(before);

    const back = await installPlugin({ tenant: t.tenant, plugin: 'customers', withDemoData: true }, ctx());
    expect(back.changes).toEqual([{ plugin: 'customers', version: '1.0.0', change: 'reinstalled' }]);
    expect(back.seeded).toEqual({});
    expect(await everything()).toEqual(before);
    const meta = await t.meta();
    expect(meta.entities.customer.fields.wechat).toMatchObject({ type: 'text', label: { en: 'WeChat', 'zh-CN': '微信号' } });
    expect(meta.entities.customer.fields.website.label).toEqual({ en: 'Homepage', 'zh-CN': '官网' });
    expect(await t.withRecords((c) => getRecord('customer', String(mine.id), c))).toMatchObject({ wechat: 'yunqi_data', website: 'https://yunqi.example.cn' });
    expect(await t.withRecords((c) => createRecord('customer', { name: '重装后新建有限公司', wechat: 'after' }, c))).toMatchObject({ code: 'KH000202' });
  });

  it('gives a second tenant without the plugin 404 for its entities, actions and routes', async () => {
    const other = await t.otherTenant('no_customers');
    const refused = [
      other.withRecords((c) => listRecords('customer', {}, c)),
      other.withRecords((c) => getRecord('customer', String(mine.id), c)),
      other.withRecords((c) => createRecord('customer', { name: '不该存在有限公司' }, c)),
      runRecordAction({ tenant: other.tenant, entity: 'customer_loss', id: String(mine.id), action: 'pause_churn', params: { measures: 'x' } }, ctx()),
      handlePluginRoute({ tenant: other.tenant, plugin: 'customers', method: 'GET', path: '/summary' }, ctx()),
    ];
    for (const r of await Promise.allSettled(refused)) expect(r).toMatchObject({ status: 'rejected', reason: { status: 404, code: 'NOT_FOUND' } });
    const schema = (await tenant()).schema;
    await expect(other.inTenant((trx) => trx.raw(`select count(*) from "${schema}".customer`))).rejects.toThrow(/permission denied/);
  });

  it('upgrades to a version that renames a field, keeping its data and the tenant customisations', async () => {
    const before = await everything();
    const websites = Object.fromEntries((before.customer as Record<string, unknown>[]).map((c) => [c.id, c.website]));
    const copy = await useBundledPluginCopy(['customers'], (p) => ({
      manifest: { ...p.manifest, version: '1.1.0' },
      documents: renameField(p.documents, 'customer', 'website', 'homepage'),
    }));
    restoreCopy = copy.restore;
    expect(await checkPluginMetadata('customers', copy.root)).toEqual([]);

    const result = await upgradePlugin({ tenant: t.tenant, plugin: 'customers' }, ctx());
    expect(result.changes).toEqual([{ plugin: 'customers', version: '1.1.0', change: 'upgraded' }]);
    const fields = (await t.meta()).entities.customer.fields;
    expect(fields.website).toBeUndefined();
    expect(fields.homepage).toMatchObject({ type: 'url', label: { en: 'Homepage', 'zh-CN': '官网' } });
    expect(fields.wechat).toMatchObject({ type: 'text' });
    const after = await everything();
    expect(after.customer).toHaveLength(before.customer.length);
    for (const c of after.customer as Record<string, unknown>[]) expect(c.homepage).toBe(websites[String(c.id)]);
    for (const e of ['contact', 'activity', 'customer_loss', '_history']) expect(after[e]).toEqual(before[e]);
    expect(await t.withRecords((c) => getRecord('customer', String(mine.id), c))).toMatchObject({ homepage: 'https://yunqi.example.cn', wechat: 'yunqi_data' });

    const loss = await t.inTenant((trx) => trx('customer_loss').where({ status: 'warning' }).orderBy('id').first('id', 'customer'));
    expect(await act(loss.id, 'confirm_churn', { reason: '升级后确认' })).toMatchObject({ status: 'confirmed' });
    expect(await t.withRecords((c) => getRecord('customer', String(loss.customer), c))).toMatchObject({ status: 'lost' });
  });
});
