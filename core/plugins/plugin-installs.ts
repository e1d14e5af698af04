import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
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
export const bumpMetaRevision = async (trx: Knex, tenant: Tenant): Promise<void> => {
  await trx('crm_system.tenants').where({ id: tenant.id }).update({ meta_revision: trx.raw('meta_revision + 1') });
};
