import type { Knex } from 'knex';
import { DEAD_QUEUE, JOBS_SCHEMA, RUN_QUEUE } from './queue-names.js';

export interface ActiveRunJob {
  jobId: string;
  tenantId: string;
  runId: string;
}

/**
 * Run jobs a worker took more than `olderThanSeconds` ago and has not finished: the
 * candidates for a lost lease (their worker may have died). One read of pg-boss's job
 * table (the run queue's partition, active jobs only: at most the workers' concurrency).
 */
export const activeRunJobs = async (knex: Knex, olderThanSeconds: number): Promise<ActiveRunJob[]> => {
  const made = await knex.raw(`select to_regclass(?) is not null as made`, [`${JOBS_SCHEMA}.job`]);
  if (!made.rows[0]?.made) return [];
  const { rows } = await knex.raw(
    `select id, data->>'t' as t, data->>'run' as run from ${JOBS_SCHEMA}.job
      where name = ? and state = 'active' and started_on < now() - ?::int * interval '1 second'`,
    [RUN_QUEUE, olderThanSeconds],
  );
  return (rows as { id: string; t: string; run: string }[]).filter((r) => r.t && r.run).map((r) => ({ jobId: r.id, tenantId: r.t, runId: r.run }));
};

/** Run jobs waiting for their next attempt, and dead-letter jobs still in the job table (given up within the queue's retention, 12 hours by default). */
export const retryingAndDeadJobs = async (knex: Knex): Promise<{ retrying: number; dead: number }> => {
  const made = await knex.raw(`select to_regclass(?) is not null as made`, [`${JOBS_SCHEMA}.job`]);
  if (!made.rows[0]?.made) return { retrying: 0, dead: 0 };
  const { rows } = await knex.raw(
    `select count(*) filter (where name = ? and state = 'retry')::int as retrying, count(*) filter (where name = ?)::int as dead
       from ${JOBS_SCHEMA}.job where name in (?, ?)`,
    [RUN_QUEUE, DEAD_QUEUE, RUN_QUEUE, DEAD_QUEUE],
  );
  return { retrying: Number(rows[0]?.retrying ?? 0), dead: Number(rows[0]?.dead ?? 0) };
};
