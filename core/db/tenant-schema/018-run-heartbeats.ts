import type { Knex } from 'knex';

export const version = 18;
export const name = 'run-heartbeats';
export const description = "each workflow run's last heartbeat and next attempt (_wf_runs.heartbeat_at, next_attempt_at), read by the run monitor";

/**
 * `_wf_runs.heartbeat_at`: when the worker holding the run last renewed its lease (the
 * run monitor shows it, and calls a `running` run whose lease ran out stuck).
 * `_wf_runs.next_attempt_at`: while the run is `retrying`, when its queue job is due
 * again (the queue's backoff decides; the worker writes it down when the attempt fails). `if not exists`, as a climb from an earlier
 * recorded version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('alter table _wf_runs add column if not exists heartbeat_at timestamptz');
  await trx.raw('alter table _wf_runs add column if not exists next_attempt_at timestamptz');
};
