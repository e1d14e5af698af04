import { asTenant, type Tenant } from '../db/tenant.js';
import { problem, notFound } from '../errors.js';
import { mergePublishedMeta } from '../metadata/tenant-meta.js';
import { listRetired } from '../schema/retired.js';
import { purge } from '../schema/purge.js';
import { docKey } from './plugin-changes.js';
import { beginLifecycle, emptyResult, readSnapshots } from './lifecycle-steps.js';
import { bumpMetaRevision, deleteInstall } from '../metadata/plugin-catalogue/plugin-installs.js';
import { deleteSnapshot } from './plugin-snapshots.js';
import { readTenantLayers, writeTenantLayers } from './tenant-layers.js';
import type { LifecycleResult, PluginLifecycleCtx } from './types.js';

export interface PurgePluginInput {
  tenant: Tenant;
  plugin: string;
  /** Must repeat the plugin's name: purging destroys data for good. */
  confirm?: string;
}

/**
 * Destroys what an uninstalled plugin left for a tenant: its retired tables with every
 * row (the tenant's fields on them included), their history and counters, and the
 * tenant's customisations of the plugin's documents. Refused unless the plugin is
 * uninstalled and `confirm` repeats its name. Afterwards an install starts from scratch.
 */
export const purgePlugin = async (input: PurgePluginInput, ctx: PluginLifecycleCtx): Promise<LifecycleResult> => {
  const { tenant, plugin } = input;
  if (input.confirm !== plugin) {
    throw problem('PURGE_NOT_CONFIRMED', { plugin }, {
      errors: [{ field: 'confirm', message: `must be "${plugin}"` }],
    });
  }
  return ctx.knex.transaction(async (trx) => {
    const { byName, available } = await beginLifecycle(trx, tenant);
    const row = byName.get(plugin);
    if (!row) throw notFound(`Plugin "${plugin}" has nothing to purge for this tenant`);
    if (row.status === 'installed') throw problem('PLUGIN_STILL_INSTALLED', { plugin });
    const snapshot = (await readSnapshots(trx, tenant, [plugin])).get(plugin);
    const documents = snapshot?.documents ?? available.find((p) => p.manifest.name === plugin)?.documents ?? [];
    const entities = documents.filter((d) => d.kind === 'entity');
    const ids = new Set(entities.map((e) => e.id).filter(Boolean));
    const names = entities.map((e) => e.name);
    const { meta } = await mergePublishedMeta(trx, tenant);
    const result = emptyResult(tenant);
    await asTenant(trx, tenant, async (t) => {
      const { tables } = await listRetired(t, meta);
      for (const table of tables.filter((x) => (x.id && ids.has(x.id)) || names.includes(x.table))) {
        const steps = await purge(t, meta, { entity: table.table });
        result.schemaSteps.push(...steps.map((s) => s.description));
      }
      if (names.length) {
        await t('_history').whereIn('entity', names).delete();
        await t('_counters').whereIn('entity', names).delete();
        await t('_counter_log').whereIn('entity', names).delete();
      }
      await deleteSnapshot(t, plugin);
    });
    const keys = new Set(documents.map((d) => docKey(d.kind, d.name)));
    const layers = await readTenantLayers(trx, tenant);
    const keep = (docs: typeof layers.draft) => docs.filter((d) => !keys.has(docKey(d.kind, d.name)));
    const dropped = layers.draft.filter((d) => keys.has(docKey(d.kind, d.name))).map((d) => docKey(d.kind, d.name));
    if (dropped.length) result.notes.push(`Removed the tenant's customisations of: ${dropped.join(', ')}`);
    await writeTenantLayers(trx, { tenant, actor: ctx.actor, before: layers, draft: keep(layers.draft), published: keep(layers.published), message: `Purged plugin ${plugin}` });
    await deleteInstall(trx, tenant, plugin);
    await bumpMetaRevision(trx, tenant);
    result.changes.push({ plugin, version: row.version, change: 'purged' });
    return result;
  });
};
