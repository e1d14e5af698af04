import type { Knex } from 'knex';
import type { JournalRow, StepMeasures } from '../types.js';

/** The run's journal in path order. */
export const readJournal = async (db: Knex | Knex.Transaction, runId: string): Promise<JournalRow[]> =>
  db('_wf_steps').where({ run_id: runId }).orderBy('seq').select('seq', 'step_id', 'type', 'status', 'input', 'output', 'error', 'next_step', 'attempts', 'measures');

export interface JournalWrite {
  runId: string;
  seq: number;
  stepId: string;
  type: string;
  status: JournalRow['status'];
  input?: unknown;
  output?: unknown;
  error?: { code?: string; message: string } | null;
  next?: string | null;
  /** What the step cost (kept beside its output). */
  measures?: StepMeasures | null;
  /** A new attempt at the step (not the second half of one, nor a resumed wait). */
  attempt: boolean;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Writes the journal row of one position (insert, or update of an earlier attempt). */
export const writeJournal = async (db: Knex.Transaction, w: JournalWrite): Promise<void> => {
  const finished = w.status === 'done' || w.status === 'failed';
  await db.raw(
    `insert into _wf_steps as s (run_id, seq, step_id, type, status, input, output, error, next_step, measures, attempts, finished_at)
     values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, 1, ${finished ? 'now()' : 'null'})
     on conflict (run_id, seq) do update set
       status = excluded.status,
       input = coalesce(excluded.input, s.input),
       output = excluded.output,
       error = excluded.error,
       next_step = excluded.next_step,
       measures = excluded.measures,
       attempts = s.attempts + ?::int,
       finished_at = excluded.finished_at`,
    [w.runId, w.seq, w.stepId, w.type, w.status, json(w.input), json(w.output), json(w.error ?? null), w.next ?? null, json(w.measures ?? null), w.attempt ? 1 : 0],
  );
};
