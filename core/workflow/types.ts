import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import type { EffectiveMeta, WorkflowDocument, WorkflowStep } from '../metadata/types.js';
import type { RecordContext, RecordData } from '../records/index.js';
import type { Sandbox } from '../sandbox/index.js';
import type { Lookup } from './runner/lookup.js';

export type RunStatus = 'pending' | 'running' | 'waiting' | 'retrying' | 'completed' | 'failed' | 'stopped';
export type TriggerKind = 'create' | 'update' | 'delete' | 'manual' | 'schedule' | 'date' | 'webhook' | 'email_received';

/** What started a run: the record (and `$old` on update) or a webhook's payload. */
export interface RunInput {
  record?: RecordData | null;
  old?: RecordData | null;
  payload?: unknown;
}

/** A row of `_wf_runs`. */
export interface RunRow {
  id: string;
  workflow: string;
  trigger: TriggerKind;
  entity: string | null;
  record_id: string | null;
  status: RunStatus;
  depth: number;
  input: RunInput;
  attempts: number;
  error: { step?: string; code?: string; message: string } | null;
  created_at?: string;
  finished_at?: string | null;
}

/** A row of `_wf_steps`: one step at one position of a run's path. */
export interface JournalRow {
  seq: number;
  step_id: string;
  type: string;
  status: 'started' | 'waiting' | 'done' | 'failed';
  input: unknown;
  output: any;
  error: { code?: string; message: string } | null;
  next_step: string | null;
  attempts: number;
  /** What the step cost, beside its output: a script's `{cpuMs, wallMs, hostCalls}`; null for other steps. */
  measures?: StepMeasures | null;
}

/** Numbers a step reports about its own run, journaled beside (never inside) its output. */
export type StepMeasures = Record<string, number>;

/** Outbound services the steps use; the defaults come from the environment. */
export interface WorkflowServices {
  /** nodemailer transport options (an smtp:// URL or an object); unset: e-mail steps fail. */
  mail?: { transport: string | Record<string, unknown>; from: string };
  /** Hosts or CIDRs outbound webhooks may reach although private (CRM_WEBHOOK_ALLOW). */
  webhookAllow?: string[];
  /** The script step's sandbox (core/sandbox); unset: script steps fail. */
  sandbox?: Pick<Sandbox, 'run'>;
}

/** What a step sees when it runs. */
export interface StepContext {
  tenant: Tenant;
  meta: EffectiveMeta;
  workflow: WorkflowDocument;
  run: RunRow;
  /** Position of this step in the run's path (0, 1, …). */
  seq: number;
  /** Outputs of the steps finished before this one, by step id. */
  outputs: Record<string, unknown>;
  /** Rule and template data: the record as it is now, `$old`, `$trigger`, `$steps`, `$payload`, `$run`. */
  data: Record<string, unknown>;
  /** The tenant transaction the step's writes (and its journal row) commit in; absent for outbound steps. */
  db?: Knex.Transaction;
  /** Record service context as the workflow's actor; its writes carry the run's depth + 1. */
  records?: RecordContext;
  /** Unique per run and position: outbound effects carry it so a repeat is recognisable. */
  idempotencyKey: string;
  services: WorkflowServices;
  now: Date;
  /** The previous journal row at this position (a resumed wait or approval, or a repeat). */
  journal?: JournalRow;
  /** Look-ups with their own connection: for outbound steps only (a `tx` step uses `prepare`). */
  lookup: Lookup;
  /** What the step's `prepare` found (users, secrets) before the transaction opened. */
  prepared?: any;
  /** The dry run: database steps run in a transaction that is rolled back; outbound ones only describe what they would do. */
  dryRun?: boolean;
}

/** What `prepare` may use: look-ups with their own connection, outside any transaction. */
export interface PrepareContext {
  tenant: Tenant;
  workflow: WorkflowDocument;
  lookup: Lookup;
  services: WorkflowServices;
}

/** A step's outcome: finished (with output, optionally choosing the next step), or waiting. */
export type StepResult =
  | { output?: unknown; next?: string | null; measures?: StepMeasures }
  | { wait: { until?: Date | null; output?: unknown } };

export interface StepDefinition {
  type: string;
  /**
   * `tx`: runs inside one tenant transaction together with its journal row (exactly once).
   * `effect`: reaches outside (mail, HTTP); runs between two journal writes and carries
   * the idempotency key, so a repeat after a crash is recognisable by the receiver.
   */
  kind: 'tx' | 'effect';
  /** JSON Schema of the step's own options (beyond id, type, label, next). */
  schema: Record<string, unknown>;
  /** Optional look-ups before the step's transaction (users of a role, secrets); the result is `ctx.prepared`. */
  prepare?(step: WorkflowStep, ctx: PrepareContext): Promise<unknown>;
  run(step: WorkflowStep, ctx: StepContext): Promise<StepResult>;
  /** For steps that wait: called when the run wakes at this step. */
  resume?(step: WorkflowStep, ctx: StepContext): Promise<StepResult>;
}

export const defineStep = (def: StepDefinition): StepDefinition => def;
