import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord, listRecords, type RecordData } from '../../core/index.js';
import {
  TEST_ACTOR,
  checkPluginMetadata,
  handlePluginRoute,
  installPlugin,
  openTestTenant,
  renameField,
  uninstallPlugin,
  upgradePlugin,
  useBundledPluginCopy,
  type TestTenant,
} from '../../core/plugins/testing.js';

const ENTITIES = ['warehouse', 'product', 'product_bundle_item', 'lot', 'serial_number', 'stock', 'stock_move'];

let t: TestTenant;
let restoreCopy: (() => void) | undefined;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
/** Every row of the plugin's tables (retired ones too), and their history. */
const everything = () =>
  t.inTenant(async (trx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const e of ENTITIES) out[e] = await trx(e).orderBy('id').select('*');
    out._history = await trx('_history').whereIn('entity', ENTITIES).orderBy('id').select('*');
    return out;
  });
const move = (data: RecordData) => t.withRecords((c) => createRecord('stock_move', { reason: 'sale', ...data }, c));

let product: RecordData;
let warehouse: RecordData;

beforeAll(async () => {
  t = await openTestTenant('products_life');
  await installPlugin({ tenant: t.tenant, plugin: 'products', withDemoData: true }, ctx());
  await t.customise({
    kind: 'entity',
    name: 'product',
    fields: {
      specification: { label: { en: 'Spec', 'zh-CN': '规格参数' } },
      origin: { id: 'tenant-product-origin', type: 'text', label: { en: 'Country of origin', 'zh-CN': '产地' }, maxLength: 50 },
    },
  });
});
afterAll(async () => {
  restoreCopy?.();
  await t?.close();
});

describe('products plugin through its lifecycle', () => {
  it('is used with the tenant field it added', async () => {
    [product, warehouse] = await t.withRecords(async (c) => [
      await createRecord('product', { sku: 'LC-1', name: '生命周期测试产品', specification: 'LCSPEC 500g', origin: '中国' }, c),
      await createRecord('warehouse', { code: 'LC1', name: '生命周期仓' }, c),
    ]);
    expect(product).toMatchObject({ origin: '中国', unit: 'piece' });
    await move({ product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 10, reason: 'purchase' });
    expect(await move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 4 })).toMatchObject({ balance_after: 6 });
  });

  it('keeps every record and the tenant field through uninstall and reinstall', async () => {
    const before = await everything();
    expect(before.product.length).toBe(24);

    await uninstallPlugin({ tenant: t.tenant, plugin: 'products' }, ctx());
    expect((await t.meta()).entities.product).toBeUndefined();
    await expect(t.withRecords((c) => getRecord('product', String(product.id), c))).rejects.toMatchObject({ status: 404 });
    await expect(move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(handlePluginRoute({ tenant: await t.current(), plugin: 'products', method: 'GET', path: `/stock/${product.id}` }, ctx())).rejects.toMatchObject({ status: 404 });
    expect(await everything()).toEqual(before);

    const back = await installPlugin({ tenant: t.tenant, plugin: 'products' }, ctx());
    expect(back.changes).toEqual([{ plugin: 'products', version: '1.0.0', change: 'reinstalled' }]);
    expect(await everything()).toEqual(before);
    expect((await t.meta()).entities.product.fields.origin).toMatchObject({ type: 'text' });
    expect(await t.withRecords((c) => getRecord('product', String(product.id), c))).toMatchObject({ origin: '中国', specification: 'LCSPEC 500g' });
    await expect(move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 7 })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 6 })).toMatchObject({ balance_after: 0 });
  });

  it('gives a second tenant without the plugin 404 for its entities and routes, and none of its hooks', async () => {
    const other = await t.otherTenant('no_products');
    const refused = [
      other.withRecords((c) => listRecords('product', {}, c)),
      other.withRecords((c) => getRecord('stock_move', String(product.id), c)),
      other.withRecords((c) => createRecord('stock_move', { product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 1, reason: 'purchase' }, c)),
      handlePluginRoute({ tenant: other.tenant, plugin: 'products', method: 'GET', path: `/stock/${product.id}` }, ctx()),
    ];
    for (const r of await Promise.allSettled(refused)) expect(r).toMatchObject({ status: 'rejected', reason: { status: 404, code: 'NOT_FOUND' } });
    // An entity of its own named like a plugin's: the plugin's hooks (which refuse any direct stock) do not apply.
    await other.customise({ kind: 'entity', name: 'stock', label: { en: 'Stock take', 'zh-CN': '盘点' }, fields: { note: { type: 'text', label: { en: 'Note', 'zh-CN': '备注' } } } });
    expect(await other.withRecords((c) => createRecord('stock', { note: '月底盘点' }, c))).toMatchObject({ note: '月底盘点' });
  });

  it('upgrades to a version that renames a field, keeping its data and the tenant customisations', async () => {
    const before = await everything();
    const specs = Object.fromEntries(before.product.map((p) => [p.id, p.specification]));
    const copy = await useBundledPluginCopy(['products'], (p) => ({
      manifest: { ...p.manifest, version: '1.1.0' },
      documents: renameField(p.documents, 'product', 'specification', 'spec'),
    }));
    restoreCopy = copy.restore;
    expect(await checkPluginMetadata('products', copy.root)).toEqual([]);

    expect((await upgradePlugin({ tenant: t.tenant, plugin: 'products' }, ctx())).changes).toEqual([{ plugin: 'products', version: '1.1.0', change: 'upgraded' }]);
    const fields = (await t.meta()).entities.product.fields;
    expect(fields.specification).toBeUndefined();
    expect(fields.spec).toMatchObject({ type: 'text', label: { en: 'Spec', 'zh-CN': '规格参数' } });
    expect(fields.origin).toMatchObject({ type: 'text' });
    const after = await everything();
    expect(after.product).toHaveLength(before.product.length);
    for (const p of after.product) expect(p.spec).toBe(specs[String(p.id)]);
    for (const e of ENTITIES.filter((x) => x !== 'product')) expect(after[e]).toEqual(before[e]);
    expect(after._history).toEqual(before._history);

    expect(await t.withRecords((c) => getRecord('product', String(product.id), c))).toMatchObject({ spec: 'LCSPEC 500g', origin: '中国' });
    expect((await t.withRecords((c) => listRecords('product', { q: 'LCSPEC' }, c))).data.map((p) => p.sku)).toEqual(['LC-1']);
    expect(await move({ product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 2, reason: 'purchase' })).toMatchObject({ balance_after: 2 });
  });
});
