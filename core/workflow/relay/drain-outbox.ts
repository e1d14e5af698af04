import type { Knex } from 'knex';
import type PgBoss from 'pg-boss';
import type { Tenant } from '../../db/tenant.js';
import { RUN_QUEUE, type RunJobData } from '../queue/queue-names.js';
import { transactionExecutor } from '../queue/sql-executor.js';
import { quoteIdent } from './tenant-directory.js';

interface OutboxRow {
  id: string;
  run_id: string | null;
  not_before: string | null;
  /** Another queue than workflow runs (e.g. webhook deliveries), with its job's data. */
  queue: string | null;
  data: Record<string, unknown> | null;
}

/**
 * Moves up to `limit` of a tenant's outbox rows into the run queue in ONE engine
 * transaction: lock them (SKIP LOCKED, so relays in other processes take other rows),
 * insert the jobs (a run's wake-up, or a job for the queue the row names; job id = outbox id; a wake for later keeps its time as startAfter),
 * delete the rows. Rows for a queue this worker does not serve (`queues`) wait for one that
 * does. A crash in between leaves both or neither. Returns how many moved. `priority`
 * (0 or less) orders the jobs against other tenants' in the queue (higher first).
 */
export const drainOutbox = async (knex: Knex, boss: PgBoss, tenant: Tenant, limit: number, queues: string[] = [], priority = 0): Promise<number> =>
  knex.transaction(async (trx) => {
    const table = `${quoteIdent(tenant.schema)}._wf_outbox`;
    const { rows } = await trx.raw(`select id, run_id, not_before, queue, data from ${table} where queue is null or queue = any(?::text[]) order by id limit ? for update skip locked`, [queues, limit]);
    const taken = rows as OutboxRow[];
    if (!taken.length) return 0;
    const jobs = taken.map((r) => ({
      id: r.id,
      name: r.queue ?? RUN_QUEUE,
      data: r.queue ? { ...r.data, t: tenant.id } : ({ t: tenant.id, run: r.run_id! } satisfies RunJobData),
      ...(r.not_before && { startAfter: new Date(r.not_before).toISOString() }),
      ...(priority !== 0 && { priority }),
    }));
    await boss.insert(jobs as PgBoss.JobInsert[], { db: transactionExecutor(trx) as PgBoss.Db } as never);
    await trx.raw(`delete from ${table} where id = any(?::uuid[])`, [taken.map((r) => r.id)]);
    return taken.length;
  });
