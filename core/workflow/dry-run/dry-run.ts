import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { getRecord, type RecordContext, type RecordEvent } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';
import { workflowNamed } from '../definitions.js';
import { followingStep } from '../runner/execute-step.js';
import { lookupFor } from '../runner/lookup.js';
import { describeError, measuresOf } from '../runner/step-error.js';
import { stepData } from '../runner/step-data.js';
import type { TenantEnv } from '../runner/tenant-env.js';
import { workflowActor } from '../runner/workflow-actor.js';
import { validateStepOptions } from '../steps/step-options.js';
import { matchRecordEvent } from '../triggers/match-record-event.js';
import { composeHooks, workflowHooks } from '../triggers/record-hooks.js';
import type { RunRow, StepDefinition, WorkflowServices } from '../types.js';
import { changesSince, historyMark, type Change } from './capture-changes.js';

export interface DryStep {
  id: string;
  type: string;
  status: 'done' | 'skipped' | 'would wait' | 'failed';
  output?: unknown;
  /** What the step cost (a script's CPU and wall time), beside its output. */
  measures?: Record<string, number>;
  error?: { code: string; message: string };
  changes: Change[];
}

class RollBack extends Error {}

/**
 * Runs a workflow against a record inside a transaction that is rolled back, and tells
 * what it would change: each step's output and the record changes it made (from the
 * history rows written meanwhile), the workflows its writes would start and the notifications
 * it would send. Outbound steps only describe their message; a wait or an approval ends
 * the dry run there.
 */
export const dryRunWorkflow = async (
  input: { workflow: string; recordId?: string },
  deps: { knex: Knex; tenant: Tenant; tenants: TenantEnv; services: WorkflowServices; steps: Record<string, StepDefinition> },
) => {
  const { knex, tenant } = deps;
  const [meta, pluginHooks] = await Promise.all([deps.tenants.meta(tenant), deps.tenants.pluginHooks(tenant)]);
  const wf = workflowNamed(meta, input.workflow);
  const lookup = lookupFor(knex, tenant);
  const prepared = new Map<string, unknown>();
  for (const step of wf.steps) prepared.set(step.id, await deps.steps[step.type]?.prepare?.(step, { tenant, workflow: wf, lookup, services: deps.services }));
  let report: { steps: DryStep[]; wouldStart: { workflow: string; record: string | null }[]; notifications: { user: string; title: string }[] } | undefined;
  await withTenant(knex, tenant, async (trx) => {
    const wouldStart: { workflow: string; record: string | null }[] = [];
    const triggers = workflowHooks({ tenantId: tenant.id, depth: 1 });
    const capture = { before: triggers.before, after: async (event: RecordEvent, ctx: RecordContext) => void wouldStart.push(...matchRecordEvent(event, ctx).map((w) => ({ workflow: w.name, record: (event.data.id as string) ?? null }))) };
    const records: RecordContext = { db: trx, meta, actor: workflowActor(wf), hooks: composeHooks(pluginHooks, capture) };
    const record = input.recordId && wf.entity ? await getRecord(wf.entity, input.recordId, records) : undefined;
    const run: RunRow = { id: uuidv7(), workflow: wf.name, trigger: wf.trigger.on, entity: wf.entity ?? null, record_id: (record?.id as string) ?? null, status: 'running', depth: 0, input: { record: record ?? null }, attempts: 1, error: null };
    await trx('_wf_runs').insert({ ...run, input: JSON.stringify(run.input) });
    let mark = await historyMark(trx);
    const steps: DryStep[] = [];
    const outputs: Record<string, unknown> = {};
    let stepId: string | null = wf.steps[0]?.id ?? null;
    for (let seq = 0; stepId !== null && seq < 100; seq++) {
      const step = wf.steps.find((s) => s.id === stepId)!;
      const def = deps.steps[step.type];
      const now = new Date();
      const current = run.entity && run.record_id ? await getRecord(run.entity, run.record_id, records, { includeDeleted: true }) : undefined;
      const data = stepData(run, current, outputs, now);
      const entry: DryStep = { id: step.id, type: step.type, status: 'done', changes: [] };
      steps.push(entry);
      try {
        const invalid = validateStepOptions(def, step);
        if (invalid) throw invalid;
        if (step.condition !== undefined && !ruleAccepts(step.condition as never, data)) {
          entry.status = 'skipped';
          stepId = followingStep(wf, step);
          continue;
        }
        const result = await trx.transaction((sp) => def.run(step, { tenant, meta, workflow: wf, run, seq, outputs, data, db: sp, records: { ...records, db: sp }, idempotencyKey: `${run.id}-${seq}`, services: deps.services, now, prepared: prepared.get(step.id), lookup, dryRun: true }));
        ({ changes: entry.changes, mark } = await changesSince(trx, mark));
        if ('wait' in result) {
          entry.status = 'would wait';
          entry.output = result.wait.output;
          break;
        }
        entry.output = result.output ?? null;
        if (result.measures) entry.measures = result.measures;
        outputs[step.id] = entry.output;
        stepId = result.next !== undefined ? result.next : followingStep(wf, step);
      } catch (e) {
        entry.status = 'failed';
        entry.error = describeError(e);
        const measures = measuresOf(e);
        if (measures) entry.measures = measures;
        break;
      }
    }
    const notes = await trx('_notifications').where({ run_id: run.id }).orderBy('id').select('user_id', 'title');
    report = { steps, wouldStart, notifications: notes.map((n) => ({ user: n.user_id, title: n.title })) };
    throw new RollBack();
  }).catch((e) => {
    if (!(e instanceof RollBack)) throw e;
  });
  return { workflow: wf.name, record: input.recordId ?? null, rolledBack: true, ...report! };
};
