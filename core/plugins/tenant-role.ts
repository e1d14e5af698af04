import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';

/**
 * Runs fn inside the tenant's walls within the caller's engine transaction (a savepoint
 * under the tenant's role and search_path), then takes the engine's role back, so the
 * caller can go on writing crm_system rows in the same transaction.
 */
export const asTenant = async <T>(trx: Knex.Transaction, tenant: Tenant, fn: (t: Knex.Transaction) => Promise<T>): Promise<T> => {
  try {
    return await withTenant(trx, tenant, fn);
  } finally {
    await trx.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
  }
};
