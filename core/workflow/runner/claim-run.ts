import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import type { RunRow } from '../types.js';

/**
 * Takes a run for one job: a run that is not finished and whose lease is free (or has
 * run out, after a crash) becomes `running` with a lease of `leaseSeconds`, which the
 * worker's heartbeat renews while it holds the run (`leases.ts`). The last error stays
 * until the run ends, so the monitor shows why it is being retried.
 * `attempts` goes up by one and is this worker's token: each step checks it still holds.
 * `busy`: another worker holds the lease and takes the run as far as it goes, so this
 * wake-up has nothing left to do (if that worker dies, the lease sweep retries its job).
 */
export const claimRun = async (trx: Knex.Transaction, runId: string, leaseSeconds: number): Promise<RunRow | 'finished' | 'missing' | 'busy'> => {
  const { rows } = await trx.raw(
    `update _wf_runs set status = 'running', attempts = attempts + 1, lease_until = now() + ?::int * interval '1 second', heartbeat_at = now(),
       next_attempt_at = null, updated_at = now()
     where id = ? and status in ('pending', 'running', 'waiting', 'retrying') and (lease_until is null or lease_until < now())
     returning *`,
    [leaseSeconds, runId],
  );
  if (rows[0]) return rows[0] as RunRow;
  const row = await trx('_wf_runs').where({ id: runId }).first('status');
  if (!row) return 'missing';
  if (['completed', 'failed', 'stopped'].includes(row.status)) return 'finished';
  return 'busy';
};

/** Inside a step's transaction: the run is still ours (locks it until commit), else the step is abandoned. */
export const holdRun = async (trx: Knex.Transaction, run: RunRow): Promise<void> => {
  const row = await trx('_wf_runs').where({ id: run.id }).forUpdate().first('attempts', 'status');
  if (!row || row.attempts !== run.attempts || row.status !== 'running') {
    throw problem('RUN_TAKEN_OVER', { run: run.id });
  }
};

/** Ends a job's hold on the run with its new status (and error, when failing). */
export const releaseRun = async (trx: Knex.Transaction, runId: string, status: RunRow['status'], error?: RunRow['error']): Promise<void> => {
  const finished = ['completed', 'failed', 'stopped'].includes(status);
  await trx('_wf_runs')
    .where({ id: runId })
    .update({
      status,
      lease_until: null,
      updated_at: trx.fn.now(),
      ...(error !== undefined && { error: error === null ? null : JSON.stringify(error) }),
      ...(finished && { finished_at: trx.fn.now() }),
    });
};
