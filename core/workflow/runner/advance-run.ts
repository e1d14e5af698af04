import { problem } from '../../errors.js';
import { withTenant } from '../../db/tenant.js';
import { workflowNamed } from '../definitions.js';
import { releaseRun, takeRun, whyNotClaimed } from './claim-run.js';
import { executeStep } from './execute-step.js';
import type { RunEnv } from './run-env.js';
import type { JournalRow, RunRow } from '../types.js';
import { describeError, isPermanent } from './step-error.js';
import { workflowRunsFailed } from '../../metrics/index.js';
import { readTenantSettings, tenantTimeOf } from '../../tenants/tenant-settings.js';

/** A run's path may visit at most this many steps (a branch looping back counts each visit). */
export const MAX_STEPS_PER_RUN = 500;

export type AdvanceResult = 'completed' | 'waiting' | 'failed' | 'finished' | 'missing' | 'busy';

/**
 * Advances a run as far as it goes in this job: claims it, replays finished steps from
 * the journal (never running them again), runs the rest in order until the end or a wait.
 * A failing step marks the run `retrying` and rethrows, so the queue retries the job with
 * backoff and parks it as failed (with a dead-letter copy) after the last attempt, when
 * the run is marked `failed`. An error a retry cannot mend fails the run at once.
 */
export const advanceRun = async (job: { tenantId: string; runId: string; finalAttempt: boolean }, env: RunEnv): Promise<AdvanceResult> => {
  const tenant = await env.tenants.tenant(job.tenantId);
  if (!tenant) return 'missing';
  const [meta, pluginHooks, settings] = await Promise.all([env.tenants.meta(tenant), env.tenants.pluginHooks(tenant), readTenantSettings(env.knex, tenant)]);
  const time = tenantTimeOf(settings);
  const claimed = await withTenant(env.knex, tenant, (trx) => takeRun(trx, job.runId, env.leaseSeconds), { oneStatement: true });
  if (!claimed) return withTenant(env.knex, tenant, (trx) => whyNotClaimed(trx, job.runId), { oneStatement: true });
  const { run, journal } = claimed;
  env.leases?.hold({ tenant, runId: run.id, attempts: run.attempts });
  try {
    return await advanceClaimed(job, env, { tenant, meta, pluginHooks, time, run, journal });
  } finally {
    env.leases?.release(run.id);
  }
};

interface Claimed {
  tenant: NonNullable<Awaited<ReturnType<RunEnv['tenants']['tenant']>>>;
  meta: Awaited<ReturnType<RunEnv['tenants']['meta']>>;
  pluginHooks: Awaited<ReturnType<RunEnv['tenants']['pluginHooks']>>;
  time: ReturnType<typeof tenantTimeOf>;
  run: RunRow;
  journal: JournalRow[];
}

/** The steps of a claimed run, from the first one the journal has not finished. */
const advanceClaimed = async (job: { finalAttempt: boolean }, env: RunEnv, { tenant, meta, pluginHooks, time, run, journal }: Claimed): Promise<AdvanceResult> => {
  let stepId: string | null = null;
  try {
    const workflow = workflowNamed(meta, run.workflow);
    const outputs: Record<string, unknown> = {};
    stepId = workflow.steps[0]?.id ?? null;
    let finished = false;
    for (let seq = 0; stepId !== null; seq++) {
      if (seq >= MAX_STEPS_PER_RUN) throw problem('TOO_MANY_STEPS', { max: MAX_STEPS_PER_RUN });
      const id: string = stepId;
      const step = workflow.steps.find((s) => s.id === id);
      if (!step) throw problem('STEP_MISSING', { step: id });
      const done = journal[seq];
      if (done && done.step_id !== step.id) throw problem('WORKFLOW_CHANGED', { position: seq + 1, was: done.step_id, now: step.id });
      if (done?.status === 'done') {
        outputs[step.id] = done.output;
        stepId = done.next_step;
        continue;
      }
      const outcome = await executeStep({ tenant, meta, pluginHooks, time, workflow, run, step, seq, outputs, journal: done }, env);
      if (outcome.status === 'waiting') return 'waiting';
      outputs[step.id] = outcome.output;
      stepId = outcome.next;
      finished = stepId === null;
    }
    if (!finished) await withTenant(env.knex, tenant, (trx) => releaseRun(trx, run.id, 'completed', null));
    return 'completed';
  } catch (e) {
    if ((e as { code?: string }).code === 'RUN_TAKEN_OVER') throw e;
    const permanent = isPermanent(e);
    const error = { ...(stepId && { step: stepId }), ...describeError(e) };
    await withTenant(env.knex, tenant, (trx) => releaseRun(trx, run.id, permanent || job.finalAttempt ? 'failed' : 'retrying', error));
    if (permanent || job.finalAttempt) workflowRunsFailed.inc({ reason: 'step' });
    if (permanent) return 'failed';
    throw e;
  }
};
