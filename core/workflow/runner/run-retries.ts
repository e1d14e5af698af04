import type PgBoss from 'pg-boss';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { RUN_QUEUE } from '../queue/queue-names.js';
import type { RunEnv } from './run-env.js';

/** Fails a run job in the queue and says when it is due again (null: it gave up, to the dead-letter queue). */
export interface RunRetries {
  fail(jobId: string, error: { code?: string; message: string }): Promise<Date | null>;
}

/**
 * The queue's retries of run jobs: the job is failed (pg-boss retries it with its backoff
 * and jitter, or parks it in the dead-letter queue after the last attempt) and read back
 * for its new start time, so the run can show when its next attempt is due.
 */
export const queueRetries = (boss: PgBoss): RunRetries => ({
  fail: async (jobId, error) => {
    await boss.fail(RUN_QUEUE, jobId, error);
    const job = await boss.getJobById(RUN_QUEUE, jobId);
    return job && job.state === 'retry' ? new Date(job.startAfter) : null;
  },
});

/** Writes down a retrying run's next attempt for the run monitor. */
export const noteNextAttempt = (env: Pick<RunEnv, 'knex'>, tenant: Tenant, runId: string, at: Date): Promise<number> =>
  withTenant(env.knex, tenant, (trx) => trx('_wf_runs').where({ id: runId, status: 'retrying' }).update({ next_attempt_at: at }));
