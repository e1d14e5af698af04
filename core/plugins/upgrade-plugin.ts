import semver from 'semver';
import { auditPluginLifecycle } from './lifecycle-audit.js';
import type { Tenant } from '../db/tenant.js';
import { problem, notFound } from '../errors.js';
import { beginLifecycle, emptyResult, readSnapshots, saveSnapshots, syncSchema, withInstall } from './lifecycle-steps.js';
import { checkRequirement } from '../metadata/plugin-catalogue/order-by-dependencies.js';
import { bumpMetaRevision, writeInstall } from '../metadata/plugin-catalogue/plugin-installs.js';
import { rebaseTenant } from './rebase-tenant.js';
import { notInstalled } from './uninstall-plugin.js';
import type { LifecycleResult, PluginLifecycleCtx } from './types.js';

export interface UpgradePluginInput {
  tenant: Tenant;
  plugin: string;
  /** Accept destructive schema steps the new version brings (e.g. a narrowing type change). */
  confirmDestructive?: boolean;
}

/**
 * Upgrades an installed plugin to the version on disk, in one transaction: requirements
 * checked both ways (what it needs is installed in range; what needs it accepts the new
 * version), the tenant's customisations rebased by stable ids (renamed fields keep their
 * data and customisations, the tenant's own fields stay), then schema sync. Conflicts are
 * reported all together and nothing is applied.
 */
export const upgradePlugin = async (input: UpgradePluginInput, ctx: PluginLifecycleCtx): Promise<LifecycleResult> =>
  ctx.knex.transaction(async (trx) => {
    const { tenant, plugin } = input;
    const { installs, byName, available } = await beginLifecycle(trx, tenant);
    const row = byName.get(plugin);
    if (row?.status !== 'installed') throw notInstalled(plugin);
    const target = available.find((p) => p.manifest.name === plugin);
    if (!target) throw notFound(`Plugin "${plugin}" is no longer available`);
    const { version } = target.manifest;
    if (!semver.gt(version, row.version)) {
      throw problem('PLUGIN_UP_TO_DATE', { plugin, installed: row.version, available: version });
    }
    for (const [dep, range] of Object.entries(target.manifest.requires ?? {})) {
      const depRow = byName.get(dep);
      checkRequirement(plugin, dep, range, depRow?.status === 'installed' ? depRow.version : undefined);
    }
    for (const other of installs.filter((r) => r.status === 'installed' && r.plugin !== plugin)) {
      const range = available.find((p) => p.manifest.name === other.plugin)?.manifest.requires?.[plugin];
      if (range) checkRequirement(other.plugin, plugin, range, version);
    }
    const result = emptyResult(tenant);
    const before = (await readSnapshots(trx, tenant, [plugin])).get(plugin)?.documents ?? target.documents;
    const after = withInstall(installs, { plugin, version, status: 'installed' });
    result.notes.push(...(await rebaseTenant(trx, { tenant, actor: ctx.actor, plugin: target, before, available, installs: after })));
    await writeInstall(trx, tenant, { plugin, version, status: 'installed' });
    await bumpMetaRevision(trx, tenant);
    await saveSnapshots(trx, tenant, [target]);
    await syncSchema(trx, tenant, result, input.confirmDestructive);
    result.changes.push({ plugin, version, change: 'upgraded' });
    await auditPluginLifecycle(trx, input.tenant, ctx.actor, 'plugin.upgrade', input.plugin, result);
    return result;
  });
