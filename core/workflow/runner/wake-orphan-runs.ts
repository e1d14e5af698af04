import type { Knex } from 'knex';
import { quoteIdent, withTenant } from '../../db/tenant.js';
import { listTenants } from '../relay/tenant-directory.js';
import { wakeRun } from '../runs/outbox.js';

/**
 * The backstop of the lease sweep: a run still `running` whose lease ran out more than a
 * lease ago has no live job left to hand on (its job ended while a worker that lost the
 * run still held it, or outlived the queue's expiry). It gets a fresh wake-up through its
 * outbox, and the next worker resumes it from its journal; a wake-up too many finds it
 * held or finished and does nothing. One query per 100 tenants.
 */
export const wakeOrphanRuns = async (knex: Knex, leaseSeconds: number): Promise<number> => {
  const all = await listTenants(knex);
  let woken = 0;
  for (let i = 0; i < all.length; i += 100) {
    const chunk = all.slice(i, i + 100);
    const sql = chunk
      .map((t) => `(select ?::text as t, id from ${quoteIdent(t.schema)}._wf_runs where status = 'running' and lease_until < now() - ?::int * interval '1 second' limit 100)`)
      .join(' union all ');
    const { rows } = await knex.raw(sql, chunk.flatMap((t) => [t.id, leaseSeconds]));
    for (const r of rows as { t: string; id: string }[]) {
      const tenant = chunk.find((t) => t.id === r.t);
      if (!tenant) continue;
      await withTenant(knex, tenant, (trx) => wakeRun(trx, tenant.id, r.id));
      woken++;
    }
  }
  return woken;
};
