import type PgBoss from 'pg-boss';
import { withTenant } from '../../db/tenant.js';
import { workflowRunsFailed } from '../../metrics/index.js';
import type { RunJobData } from '../queue/queue-names.js';
import { advanceRun, type AdvanceResult } from './advance-run.js';
import type { RunEnv } from './run-env.js';
import { noteNextAttempt, type RunRetries } from './run-retries.js';
import { describeError } from './step-error.js';

/**
 * The run queue's handler: one job advances one run; its last retry is its final attempt.
 * With `retries` (the worker's queue), a failed attempt fails the job itself and writes
 * down on the run when the next attempt is due; without, it rethrows for the queue.
 */
export const handleRunJob =
  (env: RunEnv, retries?: RunRetries) =>
  async ([job]: PgBoss.JobWithMetadata<RunJobData>[]): Promise<{ result: AdvanceResult | 'retrying' }> => {
    try {
      return { result: await advanceRun({ tenantId: job.data.t, runId: job.data.run, finalAttempt: job.retryCount >= job.retryLimit }, env) };
    } catch (e) {
      if (!retries) throw e;
      const next = await retries.fail(job.id, describeError(e));
      const tenant = next && (await env.tenants.tenant(job.data.t));
      if (next && tenant) await noteNextAttempt(env, tenant, job.data.run, next);
      return { result: 'retrying' };
    }
  };

/**
 * The dead-letter queue's handler: a run whose job gave up (its last attempt crashed
 * before it could say so) is marked failed, unless another worker holds it.
 */
export const handleDeadJob =
  (env: RunEnv) =>
  async ([job]: PgBoss.Job<RunJobData>[]): Promise<void> => {
    const tenant = await env.tenants.tenant(job.data.t);
    if (!tenant) return;
    const failed = await withTenant(env.knex, tenant, (trx) =>
      trx('_wf_runs')
        .where({ id: job.data.run })
        .whereIn('status', ['pending', 'running', 'retrying'])
        .where((q) => q.whereNull('lease_until').orWhere('lease_until', '<', trx.fn.now()))
        .update({
          status: 'failed',
          lease_until: null,
          finished_at: trx.fn.now(),
          updated_at: trx.fn.now(),
          error: trx.raw(`coalesce(error, ?::jsonb)`, [JSON.stringify({ code: 'GAVE_UP', message: 'The run stopped responding on its last attempt' })]),
        }),
    );
    if (failed > 0) workflowRunsFailed.inc({ reason: 'gave_up' });
  };
