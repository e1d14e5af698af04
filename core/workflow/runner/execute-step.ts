import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';
import type { EffectiveMeta, WorkflowDocument, WorkflowStep } from '../../metadata/types.js';
import type { RecordContext, RecordHooks } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';
import type { TenantTime } from '../../time/index.js';
import { wakeRun } from '../runs/outbox.js';
import { stepOptions, validateStepOptions } from '../steps/step-options.js';
import { hooksForDoor } from '../triggers/door-hooks.js';
import type { JournalRow, RunRow, StepContext, StepDefinition, StepResult } from '../types.js';
import { withHeldRun } from './claim-run.js';
import { currentRecord } from './current-record.js';
import { writeJournal } from './journal.js';
import { lookupFor } from './lookup.js';
import type { RunEnv } from './run-env.js';
import { describeError, measuresOf } from './step-error.js';
import { stepData } from './step-data.js';
import { workflowActor } from './workflow-actor.js';

export interface StepJob {
  tenant: Tenant;
  meta: EffectiveMeta;
  pluginHooks: RecordHooks;
  /** The tenant's zone and business calendar. */
  time?: TenantTime;
  workflow: WorkflowDocument;
  run: RunRow;
  step: WorkflowStep;
  seq: number;
  outputs: Record<string, unknown>;
  journal?: JournalRow;
}

export type StepOutcome = { status: 'done'; output: unknown; next: string | null } | { status: 'waiting' };

/** The step after `step`: the one it names in `next`, else the following one, else the end. */
export const followingStep = (wf: WorkflowDocument, step: WorkflowStep): string | null => {
  if (step.next !== undefined) return step.next;
  const i = wf.steps.findIndex((s) => s.id === step.id);
  return wf.steps[i + 1]?.id ?? null;
};

const recordContext = (x: StepJob, db: Knex.Transaction): RecordContext => ({
  db,
  meta: x.meta,
  actor: workflowActor(x.workflow),
  hooks: hooksForDoor({ door: 'workflow', tenantId: x.tenant.id, pluginHooks: x.pluginHooks, runDepth: x.run.depth }),
  door: 'workflow',
  tenant: x.tenant,
  time: x.time,
});

const contextOf = async (x: StepJob, env: RunEnv, records: RecordContext, prepared: unknown): Promise<StepContext> => {
  const now = env.now?.() ?? new Date();
  const current = await currentRecord(x.run, records);
  return {
    tenant: x.tenant, meta: x.meta, workflow: x.workflow, run: x.run, seq: x.seq, outputs: x.outputs,
    data: stepData(x.run, current, x.outputs, now, x.time), idempotencyKey: `${x.run.id}-${x.seq}`, services: env.services, now, journal: x.journal, prepared, lookup: lookupFor(env.knex, x.tenant),
  };
};

const journalBase = (x: StepJob) => ({ runId: x.run.id, seq: x.seq, stepId: x.step.id, type: x.step.type });

/** A step whose effect is database writes: the step, its journal row and its wake-ups commit together. */
const runInTransaction = (x: StepJob, def: StepDefinition, env: RunEnv, prepared: unknown): Promise<StepOutcome> =>
  withHeldRun(env.knex, x.tenant, x.run, async (trx) => {
    const records = recordContext(x, trx);
    const ctx = { ...(await contextOf(x, env, records, prepared)), db: trx, records };
    const resumed = x.journal?.status === 'waiting' && def.resume !== undefined;
    const skipped = !resumed && x.step.condition !== undefined && !ruleAccepts(x.step.condition as never, ctx.data);
    const result: StepResult = skipped ? { output: { skipped: true } } : resumed ? await def.resume!(x.step, ctx) : await def.run(x.step, ctx);
    if ('wait' in result) {
      if (result.wait.until) await wakeRun(trx, x.tenant.id, x.run.id, result.wait.until);
      await writeJournal(trx, { ...journalBase(x), status: 'waiting', input: stepOptions(x.step), output: result.wait.output ?? null, attempt: !resumed, release: 'waiting' });
      return { status: 'waiting' as const };
    }
    const next = result.next !== undefined ? result.next : followingStep(x.workflow, x.step);
    const output = result.output ?? null;
    await writeJournal(trx, { ...journalBase(x), status: 'done', input: stepOptions(x.step), output, next, measures: result.measures, attempt: !resumed, ...(next === null && { release: 'completed' as const }) });
    return { status: 'done' as const, output, next };
  });

/**
 * A step that reaches outside (mail, HTTP): journaled as started, run outside any
 * transaction with the idempotency key, then journaled as done. A crash in between
 * repeats it with the same key.
 */
const runAsEffect = async (x: StepJob, def: StepDefinition, env: RunEnv, prepared: unknown): Promise<StepOutcome> => {
  const ctx = await withHeldRun(env.knex, x.tenant, x.run, async (trx) => {
    await writeJournal(trx, { ...journalBase(x), status: 'started', input: stepOptions(x.step), attempt: true });
    return contextOf(x, env, recordContext(x, trx), prepared);
  });
  const skipped = x.step.condition !== undefined && !ruleAccepts(x.step.condition as never, ctx.data);
  const result = skipped ? { output: { skipped: true } } : await def.run(x.step, ctx);
  if ('wait' in result) throw new Error(`Step type ${def.type} cannot wait`);
  const next = result.next !== undefined ? result.next : followingStep(x.workflow, x.step);
  const output = result.output ?? null;
  await withHeldRun(env.knex, x.tenant, x.run, async (trx) => {
    await writeJournal(trx, { ...journalBase(x), status: 'done', output, next, measures: 'measures' in result ? result.measures : undefined, attempt: false, ...(next === null && { release: 'completed' as const }) });
  });
  return { status: 'done', output, next };
};

/**
 * Runs one step at one position of the run; the last step's transaction also marks the
 * run completed. On failure journals the error and rethrows.
 */
export const executeStep = async (x: StepJob, env: RunEnv): Promise<StepOutcome> => {
  const def = env.steps[x.step.type];
  try {
    if (!def) throw validateStepOptions(undefined, x.step);
    const invalid = validateStepOptions(def, x.step);
    if (invalid) throw invalid;
    const prepared = await def.prepare?.(x.step, { tenant: x.tenant, workflow: x.workflow, lookup: lookupFor(env.knex, x.tenant), services: env.services });
    return def.kind === 'effect' ? await runAsEffect(x, def, env, prepared) : await runInTransaction(x, def, env, prepared);
  } catch (e) {
    if ((e as { code?: string }).code !== 'RUN_TAKEN_OVER') {
      await withTenant(env.knex, x.tenant, (trx) =>
        writeJournal(trx, { ...journalBase(x), status: 'failed', input: stepOptions(x.step), error: describeError(e), measures: measuresOf(e), attempt: def?.kind !== 'effect' }),
      ).catch(() => undefined); // best effort: the step's own error (thrown next) is what the run records and retries on
    }
    throw e;
  }
};
