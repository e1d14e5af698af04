import type PgBoss from 'pg-boss';
import { withTenant } from '../../db/tenant.js';
import { workflowRunsFailed } from '../../metrics/index.js';
import type { RunJobData } from '../queue/queue-names.js';
import { advanceRun, type AdvanceResult } from './advance-run.js';
import type { RunEnv } from './run-env.js';
import { noteNextAttempt, type RunRetries } from './run-retries.js';
import { describeError } from './step-error.js';

/** One tenant look-up per tenant for a batch of jobs. */
const onceEach = (tenants: RunEnv['tenants']): RunEnv['tenants'] => {
  const seen = new Map<string, ReturnType<RunEnv['tenants']['tenant']>>();
  return {
    tenant: (id) => {
      const hit = seen.get(id) ?? tenants.tenant(id);
      seen.set(id, hit);
      return hit;
    },
    meta: (t) => tenants.meta(t),
    pluginHooks: (t) => tenants.pluginHooks(t),
  };
};

type RunJob = PgBoss.JobWithMetadata<RunJobData>;
type RunJobResult = { result: AdvanceResult | 'retrying' };

/**
 * The run queue's handler for a batch of jobs claimed in one fetch: each job advances its
 * run, all at once (one promise per job, one tenant look-up per tenant of the batch); a
 * job's last retry is its final attempt. With `retries` (the worker's queue), a failed
 * attempt fails the job itself and writes down on the run when the next attempt is due;
 * without, that job's promise rejects, for the queue.
 */
export const startRunJobs =
  (env: RunEnv, retries?: RunRetries) =>
  (jobs: RunJob[]): Promise<RunJobResult>[] => {
    const batchEnv = { ...env, tenants: onceEach(env.tenants) };
    return jobs.map(async (job): Promise<RunJobResult> => {
      try {
        return { result: await advanceRun({ tenantId: job.data.t, runId: job.data.run, finalAttempt: job.retryCount >= job.retryLimit }, batchEnv) };
      } catch (e) {
        if (!retries) throw e;
        const next = await retries.fail(job.id, describeError(e));
        const tenant = next && (await batchEnv.tenants.tenant(job.data.t));
        if (next && tenant) await noteNextAttempt(env, tenant, job.data.run, next);
        return { result: 'retrying' };
      }
    });
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
