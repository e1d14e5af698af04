import type { Knex } from 'knex';
import { findTenantById, withTenant } from '../db/tenant.js';

/**
 * Writes a user's id, team and active flag into the tenant's `_users` table, inside the
 * caller's transaction and under the tenant's role, so row scopes can use them in SQL.
 */
export const mirrorUser = async (trx: Knex.Transaction, tenantId: string, user: { id: string; team: string | null; active: boolean }): Promise<void> => {
  const tenant = await findTenantById(trx, tenantId);
  if (!tenant) return;
  await withTenant(trx, tenant, (t) => t('_users').insert(user).onConflict('id').merge(['team', 'active']));
  await trx.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
};
