import type { Knex } from 'knex';
import { invalidInput, notFound } from '../../errors.js';
import { maskWorkflowSecrets } from '../secrets/workflow-secrets.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['pending', 'running', 'waiting', 'retrying', 'completed', 'failed', 'stopped'];

export interface RunQuery {
  workflow?: string;
  status?: string;
  record?: string;
  /** Default 50, at most 200. */
  limit?: number;
  /** The last run id of the previous page. */
  cursor?: string;
}

const RUN_COLUMNS = ['id', 'workflow', 'trigger', 'entity', 'record_id', 'status', 'depth', 'input', 'error', 'attempts', 'heartbeat_at', 'next_attempt_at', 'created_at', 'updated_at', 'finished_at'];

/** `stuck`: a running run whose worker stopped renewing its lease (it died or stalled; the heartbeat sweep hands it on). */
const runColumns = (db: Knex.Transaction) => [...RUN_COLUMNS, db.raw(`(status = 'running' and lease_until < now()) as stuck`)];
const STEP_COLUMNS = ['run_id', 'seq', 'step_id', 'type', 'status', 'input', 'output', 'measures', 'error', 'attempts', 'started_at', 'finished_at'];

type Row = Record<string, any>;

const withSteps = async (db: Knex.Transaction, runs: Row[]): Promise<(Row & { steps: Row[] })[]> => {
  const steps = runs.length ? await db('_wf_steps').whereIn('run_id', runs.map((r) => r.id as string)).orderBy(['run_id', 'seq']).select(STEP_COLUMNS) : [];
  return runs.map((r) => ({ ...r, stuck: Boolean(r.stuck), next_attempt_at: r.status === 'retrying' ? r.next_attempt_at : null, steps: steps.filter((s) => s.run_id === r.id).map(({ run_id: _, ...s }) => ({ ...s, input: maskWorkflowSecrets(s.input) })) }));
};

/** Runs newest first (with `stuck`, `heartbeat_at` and `next_attempt_at`), each with every step's input (secrets masked), output, measures and error; keyset pages by id. */
export const listRuns = async (q: RunQuery, ctx: { db: Knex.Transaction }) => {
  const problems = [
    ...(q.status !== undefined && !STATUSES.includes(q.status) ? [{ field: 'status', message: `one of ${STATUSES.join(', ')}` }] : []),
    ...(q.record !== undefined && !UUID.test(q.record) ? [{ field: 'record', message: 'a record id' }] : []),
    ...(q.cursor !== undefined && !UUID.test(q.cursor) ? [{ field: 'cursor', message: 'the nextCursor of the previous page' }] : []),
    ...(q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit >= 1 && q.limit <= 200) ? [{ field: 'limit', message: 'a whole number from 1 to 200' }] : []),
  ];
  if (problems.length) throw invalidInput('The run query is not valid', problems);
  const limit = q.limit ?? 50;
  const rows = await ctx.db('_wf_runs')
    .modify((b) => {
      if (q.workflow) b.where({ workflow: q.workflow });
      if (q.status) b.where({ status: q.status });
      if (q.record) b.where({ record_id: q.record });
      if (q.cursor) b.where('id', '<', q.cursor);
    })
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .select(runColumns(ctx.db));
  const page = rows.slice(0, limit);
  return { data: await withSteps(ctx.db, page), nextCursor: rows.length > limit ? (page[page.length - 1].id as string) : null };
};

/** One run with its steps (404 when missing). */
export const getRun = async (id: string, ctx: { db: Knex.Transaction }) => {
  const run = UUID.test(id) ? await ctx.db('_wf_runs').where({ id }).first(runColumns(ctx.db)) : undefined;
  if (!run) throw notFound(`No run ${String(id).slice(0, 80)}`);
  return (await withSteps(ctx.db, [run]))[0];
};
