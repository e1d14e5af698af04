import type { Knex } from 'knex';
import { asTenant, type Tenant } from '../db/tenant.js';
import { lockTenant } from '../metadata/tenant-store.js';
import { syncTenantSchema } from '../schema/publish.js';
import { availablePluginsOf } from '../metadata/plugin-catalogue/uploaded-plugins.js';
import { installedPlugins } from '../metadata/plugin-catalogue/plugin-installs.js';
import { writeSnapshot, readSnapshot, type PluginSnapshot } from './plugin-snapshots.js';
import type { AvailablePlugin, InstalledPlugin, LifecycleResult } from './types.js';

/** Where every lifecycle operation starts: the tenant locked, its installs and the plugins on disk. */
export const beginLifecycle = async (trx: Knex.Transaction, tenant: Tenant) => {
  await lockTenant(trx, tenant);
  const installs = await installedPlugins(trx, tenant);
  return { installs, byName: new Map(installs.map((r) => [r.plugin, r])), available: await availablePluginsOf(trx, tenant) };
};

export const emptyResult = (tenant: Tenant): LifecycleResult => ({ tenant: tenant.slug, changes: [], notes: [], schemaSteps: [], seeded: {} });

/** The documents of plugins as the tenant installed them (undefined for a plugin never snapshotted). */
export const readSnapshots = (trx: Knex.Transaction, tenant: Tenant, plugins: string[]): Promise<Map<string, PluginSnapshot | undefined>> =>
  asTenant(trx, tenant, async (t) => {
    const snapshots = new Map<string, PluginSnapshot | undefined>();
    for (const p of plugins) snapshots.set(p, await readSnapshot(t, p));
    return snapshots;
  });

export const saveSnapshots = (trx: Knex.Transaction, tenant: Tenant, plugins: AvailablePlugin[]): Promise<void> =>
  asTenant(trx, tenant, async (t) => {
    for (const p of plugins) await writeSnapshot(t, { plugin: p.manifest.name, version: p.manifest.version, manifest: p.manifest, documents: p.documents });
  });

/** Installs with one row changed, as they will read after the operation. */
export const withInstall = (installs: InstalledPlugin[], row: Pick<InstalledPlugin, 'plugin' | 'version' | 'status'>): InstalledPlugin[] => {
  const now = new Date().toISOString();
  const rest = installs.filter((r) => r.plugin !== row.plugin);
  const old = installs.find((r) => r.plugin === row.plugin);
  return [...rest, { installedAt: old?.installedAt ?? now, updatedAt: now, ...row }];
};

/** Brings the tenant's tables in line with its effective metadata, in the caller's transaction; records the steps. */
export const syncSchema = async (trx: Knex.Transaction, tenant: Tenant, result: LifecycleResult, confirmDestructive = false): Promise<void> => {
  const plan = (await syncTenantSchema(trx, tenant, { confirmDestructive })) as { steps?: { description: string }[] } | undefined;
  result.schemaSteps.push(...(plan?.steps ?? []).map((s) => s.description));
};
