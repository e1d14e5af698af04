import type { Knex } from 'knex';
import { withTenant } from '../db/tenant.js';
import { listTenants } from '../tenants/tenant-store.js';
import { sweepIdempotencyKeys } from './idempotency-store.js';

/**
 * The sweep of expired idempotency keys over every active tenant, one tenant transaction
 * each (a failing tenant does not stop the others). Run hourly by the workflow worker's
 * maintenance job. Answers how many keys went in all.
 */
export const sweepAllIdempotencyKeys = async (knex: Knex, now: Date = new Date(), onError: (e: unknown) => void = () => undefined): Promise<number> => {
  let swept = 0;
  for (const tenant of await listTenants(knex, { active: true })) {
    try {
      swept += await withTenant(knex, tenant, (trx) => sweepIdempotencyKeys(trx, now));
    } catch (e) {
      onError(e);
    }
  }
  return swept;
};
