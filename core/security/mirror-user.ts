import type { Knex } from 'knex';
import { asTenant } from '../db/tenant.js';
import { findTenantById } from '../tenants/tenant-store.js';

/**
 * Writes a user's id, team, active flag (and manager, when given) into the tenant's `_users` table, inside the
 * caller's transaction and under the tenant's role, so row scopes can use them in SQL.
 */
export const mirrorUser = async (trx: Knex.Transaction, tenantId: string, user: { id: string; team: string | null; active: boolean; manager?: string | null }): Promise<void> => {
  const tenant = await findTenantById(trx, tenantId);
  if (!tenant) return;
  await asTenant(trx, tenant, (t) => t('_users').insert(user).onConflict('id').merge(user.manager === undefined ? ['team', 'active'] : ['team', 'active', 'manager']));
};
