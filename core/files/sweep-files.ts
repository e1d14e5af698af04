import type { Knex } from 'knex';
import { withTenant } from '../db/tenant.js';
import { listTenants } from '../tenants/tenant-store.js';
import { DETACHED_FILE_RETENTION_MS, UNATTACHED_FILE_TTL_MS } from './files-table.js';

export interface SweepLimits {
  /** Uploads never attached and older than this go; default UNATTACHED_FILE_TTL_MS (24 h). */
  unattachedMs?: number;
  /** Files detached longer ago than this go; default DETACHED_FILE_RETENTION_MS (30 days). */
  detachedMs?: number;
}

/**
 * Deletes, in one tenant (a tenant transaction), the files no record holds any more:
 * uploads never attached older than `unattachedMs`, and files dropped from their field
 * longer ago than `detachedMs`, as of `now`. Answers how many of each went.
 */
export const sweepFiles = async (db: Knex.Transaction, now: Date, limits: SweepLimits = {}): Promise<{ unattached: number; detached: number }> => {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const { rows } = await db.raw(
    `with unattached as (delete from _files where record_id is null and created_at < ? returning 1),
          detached as (delete from _files where detached_at < ? returning 1)
     select (select count(*) from unattached)::int as unattached, (select count(*) from detached)::int as detached`,
    [before(limits.unattachedMs ?? UNATTACHED_FILE_TTL_MS), before(limits.detachedMs ?? DETACHED_FILE_RETENTION_MS)],
  );
  return { unattached: rows[0].unattached, detached: rows[0].detached };
};

/**
 * The sweep over every active tenant, one tenant transaction each (a failing tenant does
 * not stop the others). The workflow worker runs it hourly (MAINTENANCE_QUEUE). Answers
 * how many files went in all.
 */
export const sweepAllTenantFiles = async (knex: Knex, now: Date = new Date(), onError: (e: unknown) => void = () => undefined): Promise<number> => {
  let swept = 0;
  for (const tenant of await listTenants(knex, { active: true })) {
    try {
      const { unattached, detached } = await withTenant(knex, tenant, (trx) => sweepFiles(trx, now));
      swept += unattached + detached;
    } catch (e) {
      onError(e);
    }
  }
  return swept;
};
