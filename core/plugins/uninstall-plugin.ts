import type { Tenant } from '../db/tenant.js';
import { auditPluginLifecycle } from './lifecycle-audit.js';
import { AppError, problem, notFound } from '../errors.js';
import { beginLifecycle, emptyResult, syncSchema } from './lifecycle-steps.js';
import { bumpMetaRevision, writeInstall } from '../metadata/plugin-catalogue/plugin-installs.js';
import { parkTenantCustomisations } from './tenant-customisations.js';
import type { LifecycleResult, PluginLifecycleCtx } from './types.js';

export const notInstalled = (plugin: string): AppError => notFound(`Plugin "${plugin}" is not installed for this tenant`);

/**
 * Uninstalls a plugin for a tenant: refused while an installed plugin requires it; its
 * entities leave the tenant's metadata, so their tables are retired with every row kept,
 * and the tenant's customisations of it are set aside (a version of the tenant layer).
 * Reinstalling brings all of it back.
 */
export const uninstallPlugin = async (input: { tenant: Tenant; plugin: string }, ctx: PluginLifecycleCtx): Promise<LifecycleResult> =>
  ctx.knex.transaction(async (trx) => {
    const { tenant, plugin } = input;
    const { installs, byName, available } = await beginLifecycle(trx, tenant);
    const row = byName.get(plugin);
    if (row?.status !== 'installed') throw notInstalled(plugin);
    for (const other of installs) {
      if (other.status !== 'installed' || other.plugin === plugin) continue;
      const requires = available.find((p) => p.manifest.name === other.plugin)?.manifest.requires ?? {};
      if (plugin in requires) {
        throw problem('PLUGIN_REQUIRED', { plugin, other: other.plugin }, {
          plugin,
          dependent: other.plugin,
        });
      }
    }
    const result = emptyResult(tenant);
    const parked = await parkTenantCustomisations(trx, { tenant, actor: ctx.actor }, available.find((p) => p.manifest.name === plugin), plugin);
    if (parked) result.notes.push(`Set aside ${parked} customisation(s) of plugin "${plugin}" until it is reinstalled`);
    await writeInstall(trx, tenant, { plugin, version: row.version, status: 'uninstalled' });
    await bumpMetaRevision(trx, tenant);
    await syncSchema(trx, tenant, result);
    result.changes.push({ plugin, version: row.version, change: 'uninstalled' });
    await auditPluginLifecycle(trx, input.tenant, ctx.actor, 'plugin.uninstall', plugin, result);
    return result;
  });
