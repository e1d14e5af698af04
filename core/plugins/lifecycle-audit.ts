import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import type { LifecycleResult, PluginActor } from './types.js';

/**
 * Writes a plugin install, upgrade or uninstall into the tenant's audit log (crm_system.audit_log),
 * in the lifecycle's own transaction: who, which plugin, and every plugin the operation changed.
 */
export const auditPluginLifecycle = async (
  trx: Knex.Transaction,
  tenant: Pick<Tenant, 'id'>,
  actor: PluginActor,
  action: 'plugin.install' | 'plugin.upgrade' | 'plugin.uninstall',
  plugin: string,
  result: LifecycleResult,
): Promise<void> => {
  await trx('crm_system.audit_log').insert({
    tenant_id: tenant.id,
    actor_id: /^[0-9a-f-]{36}$/i.test(actor.id) ? actor.id : null,
    action,
    target: plugin,
    details: JSON.stringify({ changes: result.changes, schemaSteps: result.schemaSteps.length, notes: result.notes.length }),
  });
};
