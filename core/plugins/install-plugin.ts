import type { Tenant } from '../db/tenant.js';
import { auditPluginLifecycle } from './lifecycle-audit.js';
import { problem } from '../errors.js';
import { beginLifecycle, emptyResult, readSnapshots, saveSnapshots, syncSchema, withInstall } from './lifecycle-steps.js';
import { checkRequirement, withDependencies } from '../metadata/plugin-catalogue/order-by-dependencies.js';
import { bumpMetaRevision, writeInstall } from '../metadata/plugin-catalogue/plugin-installs.js';
import { rebaseTenant } from './rebase-tenant.js';
import { seedPlugins } from './seed-plugins.js';
import { restoreTenantCustomisations } from './tenant-customisations.js';
import type { AvailablePlugin, InstalledPlugin, LifecycleResult, PluginLifecycleCtx } from './types.js';

export interface InstallPluginInput {
  tenant: Tenant;
  plugin: string;
  /** Also run the plugins' demo-data seeds (fresh installs only). */
  withDemoData?: boolean;
  /** Accept destructive schema steps (normally none: installing only adds). */
  confirmDestructive?: boolean;
}

/** The version each plugin will be at: installed ones keep theirs, the others come in at the available version. */
const checkChain = (chain: AvailablePlugin[], byName: Map<string, InstalledPlugin>): void => {
  const versionOf = (name: string): string | undefined => {
    const row = byName.get(name);
    return row?.status === 'installed' ? row.version : chain.find((p) => p.manifest.name === name)?.manifest.version;
  };
  for (const p of chain) {
    if (byName.get(p.manifest.name)?.status === 'installed') continue;
    for (const [dep, range] of Object.entries(p.manifest.requires ?? {})) checkRequirement(p.manifest.name, dep, range, versionOf(dep));
  }
};

/**
 * Installs a plugin for a tenant, with the plugins it requires first, in one transaction:
 * install rows, the tenant's customisations rebased when a plugin comes back at a newer
 * version, schema sync (a plugin uninstalled before gets its tables and data back), then
 * seeds of freshly installed plugins (demo data when asked). Nothing stays half-done.
 */
export const installPlugin = async (input: InstallPluginInput, ctx: PluginLifecycleCtx): Promise<LifecycleResult> =>
  ctx.knex.transaction(async (trx) => {
    const { tenant } = input;
    const { installs, byName, available } = await beginLifecycle(trx, tenant);
    const current = byName.get(input.plugin);
    if (current?.status === 'installed') {
      throw problem('PLUGIN_INSTALLED', { plugin: input.plugin, version: current.version });
    }
    const chain = withDependencies(available, input.plugin);
    checkChain(chain, byName);
    const toInstall = chain.filter((p) => byName.get(p.manifest.name)?.status !== 'installed');
    const result = emptyResult(tenant);
    const snapshots = await readSnapshots(trx, tenant, toInstall.filter((p) => byName.has(p.manifest.name)).map((p) => p.manifest.name));
    let after = installs;
    for (const p of toInstall) {
      const { name, version } = p.manifest;
      const row = byName.get(name);
      after = withInstall(after, { plugin: name, version, status: 'installed' });
      const before = snapshots.get(name);
      if (row) result.notes.push(...(await restoreTenantCustomisations(trx, { tenant, actor: ctx.actor }, before)));
      if (row && before && before.version !== version) {
        result.notes.push(...(await rebaseTenant(trx, { tenant, actor: ctx.actor, plugin: p, before: before.documents, available, installs: after })));
      }
      await writeInstall(trx, tenant, { plugin: name, version, status: 'installed' });
      result.changes.push({ plugin: name, version, change: row ? 'reinstalled' : 'installed' });
    }
    await bumpMetaRevision(trx, tenant);
    await saveSnapshots(trx, tenant, toInstall);
    await syncSchema(trx, tenant, result, input.confirmDestructive);
    const fresh = result.changes.filter((c) => c.change === 'installed').map((c) => c.plugin);
    result.seeded = await seedPlugins(trx, { tenant, actor: ctx.actor, plugins: fresh, demo: input.withDemoData ?? false });
    await auditPluginLifecycle(trx, input.tenant, ctx.actor, 'plugin.install', input.plugin, result);
    return result;
  });
