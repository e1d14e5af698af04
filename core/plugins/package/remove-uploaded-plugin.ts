import type { Tenant } from '../../db/tenant.js';
import { notFound, problem } from '../../errors.js';
import { lockTenant } from '../../metadata/tenant-store.js';
import { bumpMetaRevision, installedPlugins } from '../../metadata/plugin-catalogue/plugin-installs.js';
import { UPLOADED_PLUGINS } from '../../metadata/plugin-catalogue/uploaded-plugins.js';
import type { PluginLifecycleCtx } from '../types.js';

export interface RemoveUploadedPluginInput {
  tenant: Tenant;
  plugin: string;
}

/**
 * Takes an uploaded plugin package out of the tenant's catalogue. Refused (409, naming the
 * tenants) while a tenant has it installed; a plugin uninstalled but not purged keeps its data,
 * which a later upload and install finds again (a purge works from the snapshot taken at
 * install). Audited; shipped plugins are not packages and cannot be removed.
 */
export const removeUploadedPlugin = async (input: RemoveUploadedPluginInput, ctx: PluginLifecycleCtx): Promise<{ plugin: string; version: string }> => {
  const { tenant, plugin } = input;
  return ctx.knex.transaction(async (trx) => {
    await lockTenant(trx, tenant);
    const row: { version: string } | undefined = await trx(UPLOADED_PLUGINS).where({ tenant_id: tenant.id, name: plugin }).first('version');
    if (!row) throw notFound(`There is no uploaded package “${plugin}” in this tenant’s plugin list`);
    // The catalogue is the tenant's own: only this tenant can have installed its package.
    if ((await installedPlugins(trx, tenant)).some((p) => p.plugin === plugin && p.status === 'installed')) {
      throw problem('PLUGIN_PACKAGE_INSTALLED', { plugin, tenants: tenant.slug }, { tenants: [tenant.slug] });
    }
    await trx(UPLOADED_PLUGINS).where({ tenant_id: tenant.id, name: plugin }).delete();
    await trx('crm_system.audit_log').insert({
      tenant_id: tenant.id,
      actor_id: /^[0-9a-f-]{36}$/i.test(ctx.actor.id) ? ctx.actor.id : null,
      action: 'plugin.package_remove',
      target: plugin,
      details: JSON.stringify({ version: row.version }),
    });
    await bumpMetaRevision(trx, tenant);
    return { plugin, version: row.version };
  });
};
