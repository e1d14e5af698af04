import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { bumpMetaRevision as bumpTenantMetaRevision, listTenants } from '../../tenants/tenant-store.js';
import type { InstalledPlugin, InstallStatus } from './types.js';

const INSTALLS = 'crm_system.plugin_installs';

interface InstallRow {
  plugin: string;
  version: string;
  status: InstallStatus;
  installed_at: string;
  updated_at: string;
}

/** The tenant's plugin installs (installed or uninstalled), oldest first. */
export const installedPlugins = async (knex: Knex, tenant: Tenant): Promise<InstalledPlugin[]> => {
  const rows: InstallRow[] = await knex(INSTALLS)
    .where({ tenant_id: tenant.id })
    .orderBy([{ column: 'installed_at' }, { column: 'plugin' }])
    .select('plugin', 'version', 'status', 'installed_at', 'updated_at');
  return rows.map((r) => ({ plugin: r.plugin, version: r.version, status: r.status, installedAt: r.installed_at, updatedAt: r.updated_at }));
};

/** Records that `plugin` is at `version` with `status` for the tenant (insert or update). */
/** The tenants that have the plugin installed, with the version each has (tenant slugs in order). */
export const installsOfPlugin = async (knex: Knex, plugin: string): Promise<{ tenant: string; version: string }[]> => {
  const rows: { tenant_id: string; version: string }[] = await knex(INSTALLS).where({ plugin, status: 'installed' }).select('tenant_id', 'version');
  const versions = new Map(rows.map((r) => [r.tenant_id, r.version]));
  return (await listTenants(knex)).filter((t) => versions.has(t.id)).map((t) => ({ tenant: t.slug, version: versions.get(t.id) as string }));
};

export const writeInstall = async (trx: Knex, tenant: Tenant, row: { plugin: string; version: string; status: InstallStatus }): Promise<void> => {
  await trx(INSTALLS)
    .insert({ tenant_id: tenant.id, ...row })
    .onConflict(['tenant_id', 'plugin'])
    .merge({ version: row.version, status: row.status, updated_at: trx.fn.now() });
};

export const deleteInstall = async (trx: Knex, tenant: Tenant, plugin: string): Promise<void> => {
  await trx(INSTALLS).where({ tenant_id: tenant.id, plugin }).delete();
};

/** Makes caches of the tenant's effective metadata refresh. */
export const bumpMetaRevision = async (trx: Knex, tenant: Tenant): Promise<void> => bumpTenantMetaRevision(trx, tenant);
