import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTenantDocument } from '../metadata/save-tenant-document.js';
import { readDraft } from '../metadata/tenant-store.js';
import { lowerLayersOf } from '../metadata/tenant-meta.js';
import { publishTenant } from '../schema/publish.js';
import { addonV1, baseV1, baseV11, baseV12, baseV13, orphan } from './fixture-plugins.js';
import { installPlugin } from './install-plugin.js';
import { listPlugins } from './list-plugins.js';
import { runPluginCommand } from './plugin-command.js';
import { installedPlugins } from '../metadata/plugin-catalogue/plugin-installs.js';
import { purgePlugin } from './purge-plugin.js';
import { TEST_ACTOR, openTestTenant, useFixturePluginsDir, writeFixturePlugin, type TestTenant } from './testing.js';
import { uninstallPlugin } from './uninstall-plugin.js';
import { upgradePlugin } from './upgrade-plugin.js';

let t: TestTenant;
let fixtures: ReturnType<typeof useFixturePluginsDir>;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
const write = (p: { manifest: typeof baseV1.manifest; documents: typeof baseV1.documents }) => writeFixturePlugin(fixtures.root, p.manifest, p.documents);
const rows = (table: string) => t.inTenant((trx) => trx(table).select('*').orderBy('id'));
const tableExists = async (table: string) => (await t.inTenant((trx) => trx.raw('select to_regclass(?) as r', [table]))).rows[0].r !== null;

beforeAll(async () => {
  fixtures = useFixturePluginsDir();
  [baseV1, addonV1, orphan].forEach(write);
  t = await openTestTenant();
});
afterAll(async () => {
  await t?.close();
  fixtures?.restore();
});

describe('plugin lifecycle', () => {
  it('installs a plugin after the plugins it requires', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx());
    expect(result.changes).toEqual([
      { plugin: 'base', version: '1.0.0', change: 'installed' },
      { plugin: 'addon', version: '1.0.0', change: 'installed' },
    ]);
    expect((await installedPlugins(t.knex, t.tenant)).map((r) => [r.plugin, r.version, r.status]).sort()).toEqual([
      ['addon', '1.0.0', 'installed'],
      ['base', '1.0.0', 'installed'],
    ]);
    expect(Object.keys((await t.meta()).entities).sort()).toEqual(expect.arrayContaining(['gadget', 'widget']));
    await expect(installPlugin({ tenant: t.tenant, plugin: 'base' }, ctx())).rejects.toMatchObject({ code: 'PLUGIN_INSTALLED', status: 409 });
  });

  it('refuses a plugin whose dependency is missing, naming both, and changes nothing', async () => {
    const err = await installPlugin({ tenant: t.tenant, plugin: 'orphan' }, ctx()).catch((e) => e);
    expect(err).toMatchObject({ code: 'PLUGIN_DEPENDENCY_MISSING', status: 409 });
    expect(err.message).toContain('"orphan"');
    expect(err.message).toContain('"ghost"');
    expect((await installedPlugins(t.knex, t.tenant)).some((r) => r.plugin === 'orphan')).toBe(false);
  });

  it('keeps data and tenant customisations through uninstall and reinstall', async () => {
    const widgetId = '01900000-0000-7000-8000-000000000001';
    await t.inTenant(async (trx) => {
      await trx('widget').insert({ id: widgetId, name: 'Sprocket', size: 3, color: 'red' });
      await trx('gadget').insert({ id: '01900000-0000-7000-8000-000000000002', widget: widgetId, title: 'Cog' });
    });
    const overlay = {
      kind: 'entity',
      name: 'widget',
      fields: {
        size: { label: { en: 'Size (cm)', 'zh-CN': '尺寸（厘米）' } },
        color: { label: { en: 'Paint', 'zh-CN': '颜色' } },
        wechat: { id: 'tenant-wechat', type: 'text', label: { en: 'WeChat', 'zh-CN': '微信' } },
      },
    };
    const lowerLayers = await lowerLayersOf(t.knex, t.tenant);
    await saveTenantDocument({ kind: 'entity', name: 'widget', doc: overlay }, { knex: t.knex, tenant: t.tenant, actor: TEST_ACTOR, lowerLayers });
    await publishTenant(t.knex, t.tenant, TEST_ACTOR);
    await t.inTenant((trx) => trx('widget').update({ wechat: 'sprocket_cn' }));

    const refused = await uninstallPlugin({ tenant: t.tenant, plugin: 'base' }, ctx()).catch((e) => e);
    expect(refused).toMatchObject({ code: 'PLUGIN_REQUIRED', status: 409 });
    expect(refused.message).toMatch(/"addon" requires "base"/);

    await uninstallPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx());
    const result = await uninstallPlugin({ tenant: t.tenant, plugin: 'base' }, ctx());
    expect(result.changes).toEqual([{ plugin: 'base', version: '1.0.0', change: 'uninstalled' }]);
    const hidden = await t.meta();
    expect(hidden.entities.widget).toBeUndefined();
    expect(hidden.entities.gadget).toBeUndefined();
    expect(await rows('widget')).toMatchObject([{ name: 'Sprocket', wechat: 'sprocket_cn' }]);

    expect((await installPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx())).changes.map((c) => c.change)).toEqual(['reinstalled', 'reinstalled']);
    const meta = await t.meta();
    expect(meta.entities.widget.fields.size.label).toEqual({ en: 'Size (cm)', 'zh-CN': '尺寸（厘米）' });
    expect(meta.entities.widget.fields.wechat).toMatchObject({ type: 'text' });
    expect(await rows('widget')).toMatchObject([{ name: 'Sprocket', size: 3, color: 'red', wechat: 'sprocket_cn' }]);
    expect(await rows('gadget')).toMatchObject([{ title: 'Cog', widget: widgetId }]);
  });

  it('upgrades: a renamed field keeps its data and customisation, the tenant own field stays', async () => {
    write(baseV11);
    const result = await upgradePlugin({ tenant: t.tenant, plugin: 'base' }, ctx());
    expect(result.changes).toEqual([{ plugin: 'base', version: '1.1.0', change: 'upgraded' }]);
    expect(result.notes.join('\n')).toContain('"color" follows its rename to "colour"');
    const fields = (await t.meta()).entities.widget.fields;
    expect(fields.color).toBeUndefined();
    expect(fields.colour.label).toEqual({ en: 'Paint', 'zh-CN': '颜色' });
    expect(fields.weight).toMatchObject({ type: 'decimal' });
    expect(fields.wechat).toMatchObject({ type: 'text' });
    expect(await rows('widget')).toMatchObject([{ name: 'Sprocket', colour: 'red', wechat: 'sprocket_cn', weight: null }]);
    const draft = await readDraft(t.knex, t.tenant);
    expect(Object.keys(draft.find((d) => d.name === 'widget')!.fields as object).sort()).toEqual(['colour', 'size', 'wechat']);
  });

  it('reports upgrade conflicts and applies nothing', async () => {
    write(baseV12);
    const err = await upgradePlugin({ tenant: t.tenant, plugin: 'base' }, ctx()).catch((e) => e);
    expect(err).toMatchObject({ code: 'PLUGIN_UPGRADE_CONFLICT', status: 409 });
    expect(err.details.conflicts).toEqual([{ document: 'entity/widget', field: 'wechat', message: expect.stringContaining('adds a field "wechat"') }]);
    expect((await installedPlugins(t.knex, t.tenant)).find((r) => r.plugin === 'base')?.version).toBe('1.1.0');
    expect(Object.keys((await readDraft(t.knex, t.tenant)).find((d) => d.name === 'widget')!.fields as object).sort()).toEqual(['colour', 'size', 'wechat']);
  });

  it('lists every plugin with its available and installed versions', async () => {
    const list = await listPlugins({ tenant: t.tenant }, { knex: t.knex });
    expect(list.map((p) => [p.name, p.availableVersion, p.installedVersion, p.status, p.upgradeAvailable])).toEqual([
      ['addon', '1.0.0', '1.0.0', 'installed', false],
      ['base', '1.2.0', '1.1.0', 'installed', true],
      ['orphan', '1.0.0', null, 'available', false],
    ]);
    expect(list.find((p) => p.name === 'base')?.requiredBy).toEqual(['addon']);
  });

  it('purges an uninstalled plugin only when confirmed; a new install starts empty', async () => {
    await expect(purgePlugin({ tenant: t.tenant, plugin: 'addon', confirm: 'addon' }, ctx())).rejects.toMatchObject({ code: 'PLUGIN_INSTALLED' });
    await uninstallPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx());
    await expect(purgePlugin({ tenant: t.tenant, plugin: 'addon' }, ctx())).rejects.toMatchObject({ code: 'PURGE_NOT_CONFIRMED', status: 400 });
    expect(await tableExists('gadget')).toBe(true);
    const lines = await runPluginCommand({ action: 'purge', plugin: 'addon', tenant: 'acme', confirm: 'addon' }, { knex: t.knex });
    expect(lines).toEqual(['purged addon 1.0.0 for tenant acme', 'schema: Purge retired entity table "gadget" and all its rows']);
    expect(await tableExists('gadget')).toBe(false);
    expect((await listPlugins({ tenant: t.tenant }, { knex: t.knex })).find((p) => p.name === 'addon')?.status).toBe('available');
    expect((await installPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx())).changes).toEqual([{ plugin: 'addon', version: '1.0.0', change: 'installed' }]);
    expect(await rows('gadget')).toEqual([]);
  });

  it('reinstalls at a newer version: customisations come back rebased, or nothing changes on a conflict', async () => {
    await uninstallPlugin({ tenant: t.tenant, plugin: 'addon' }, ctx());
    await uninstallPlugin({ tenant: t.tenant, plugin: 'base' }, ctx());
    expect((await readDraft(t.knex, t.tenant)).some((d) => d.name === 'widget')).toBe(false);
    const err = await installPlugin({ tenant: t.tenant, plugin: 'base' }, ctx()).catch((e) => e);
    expect(err).toMatchObject({ code: 'PLUGIN_UPGRADE_CONFLICT', details: { conflicts: [expect.objectContaining({ field: 'wechat' })] } });
    expect((await installedPlugins(t.knex, t.tenant)).find((r) => r.plugin === 'base')).toMatchObject({ status: 'uninstalled', version: '1.1.0' });

    write(baseV13);
    expect((await installPlugin({ tenant: t.tenant, plugin: 'base' }, ctx())).changes).toEqual([{ plugin: 'base', version: '1.3.0', change: 'reinstalled' }]);
    const fields = (await t.meta()).entities.widget.fields;
    expect(fields.colour.label).toEqual({ en: 'Paint', 'zh-CN': '颜色' });
    expect(Object.keys(fields).sort()).toEqual(['colour', 'name', 'note', 'size', 'wechat', 'weight']);
    expect(await rows('widget')).toMatchObject([{ name: 'Sprocket', colour: 'red', wechat: 'sprocket_cn', note: null }]);
  });
});
