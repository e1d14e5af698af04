import type { Knex } from 'knex';
import { withTenant } from '../db/tenant.js';
import { listTenants } from '../tenants/tenant-store.js';

/** How long events stay for a reconnecting client to resume from (the sweep runs hourly, so some stay longer). */
export const EVENT_REPLAY_MS = 15 * 60_000;

/** Deletes a tenant's events older than the replay window and raises its horizon past them. */
export const sweepEvents = async (db: Knex.Transaction, now: Date = new Date()): Promise<number> => {
  const cutoff = new Date(now.getTime() - EVENT_REPLAY_MS);
  const gone = (await db('_events').where('at', '<', cutoff).whereNotNull('seq').del().returning('seq')) as { seq: string | number }[];
  if (!gone.length) return 0;
  const top = Math.max(...gone.map((r) => Number(r.seq)));
  await db('_events_horizon').update({ seq: db.raw('greatest(seq, ?)', [top]) });
  return gone.length;
};

/** The sweep over every active tenant, one transaction each; run hourly by the maintenance job. */
export const sweepAllEvents = async (knex: Knex, now: Date = new Date(), onError: (e: unknown) => void = () => undefined): Promise<number> => {
  let swept = 0;
  for (const tenant of await listTenants(knex, { active: true })) {
    try {
      swept += await withTenant(knex, tenant, (trx) => sweepEvents(trx, now));
    } catch (e) {
      onError(e);
    }
  }
  return swept;
};
