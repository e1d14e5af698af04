import type { Knex } from 'knex';
import type { JournalRow, StepMeasures } from '../types.js';

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
  /** The same statement ends the job's hold on the run: completed (its error cleared) or waiting. */
  release?: 'completed' | 'waiting';
}

const releaseSql = (release: JournalWrite['release']): string =>
  release === 'completed'
    ? `with released as (update _wf_runs set status = 'completed', lease_until = null, error = null, updated_at = now(), finished_at = now() where id = ?) `
    : release === 'waiting'
      ? `with released as (update _wf_runs set status = 'waiting', lease_until = null, updated_at = now() where id = ?) `
      : '';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Writes the journal row of one position (insert, or update of an earlier attempt), and with `release` the run's new status: one round trip. */
export const writeJournal = async (db: Knex.Transaction, w: JournalWrite): Promise<void> => {
  const finished = w.status === 'done' || w.status === 'failed';
  await db.raw(
    `${releaseSql(w.release)}insert into _wf_steps as s (run_id, seq, step_id, type, status, input, output, error, next_step, measures, attempts, finished_at)
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
    [...(w.release ? [w.runId] : []), w.runId, w.seq, w.stepId, w.type, w.status, json(w.input), json(w.output), json(w.error ?? null), w.next ?? null, json(w.measures ?? null), w.attempt ? 1 : 0],
  );
};
