import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { quoteIdent, TenantGateClosed, withTenant, type Tenant } from '../../db/tenant.js';
import type { JournalRow, RunRow } from '../types.js';

/**
 * Takes a run for one job: a run that is not finished and whose lease is free (or has
 * run out, after a crash) becomes `running` with a lease of `leaseSeconds`, which the
 * worker's heartbeat renews while it holds the run (`leases.ts`). The last error stays
 * until the run ends, so the monitor shows why it is being retried.
 * `attempts` goes up by one and is this worker's token: each step checks it still holds.
 * `busy`: another worker holds the lease and takes the run as far as it goes, so this
 * wake-up has nothing left to do (if that worker dies, the lease sweep retries its job).
 * The claim and the run's journal (in path order) are ONE statement, so a job's claim
 * costs one round trip (with `withTenant`'s `oneStatement`); undefined when the run is
 * not to be taken (`whyNotClaimed` says why).
 */
export const takeRun = async (db: Knex | Knex.Transaction, runId: string, leaseSeconds: number): Promise<{ run: RunRow; journal: JournalRow[] } | undefined> => {
  const { rows } = await db.raw(
    `with claimed as (
       update _wf_runs set status = 'running', attempts = attempts + 1, lease_until = now() + ?::int * interval '1 second', heartbeat_at = now(),
         next_attempt_at = null, updated_at = now()
       where id = ? and status in ('pending', 'running', 'waiting', 'retrying') and (lease_until is null or lease_until < now())
       returning *)
     select claimed.*, coalesce((select json_agg(json_build_object('seq', s.seq, 'step_id', s.step_id, 'type', s.type, 'status', s.status, 'input', s.input,
         'output', s.output, 'error', s.error, 'next_step', s.next_step, 'attempts', s.attempts, 'measures', s.measures) order by s.seq)
       from _wf_steps s where s.run_id = claimed.id), '[]'::json) as _journal
     from claimed`,
    [leaseSeconds, runId],
  );
  if (!rows[0]) return undefined;
  const { _journal, ...run } = rows[0] as RunRow & { _journal: JournalRow[] | string };
  return { run: run as RunRow, journal: typeof _journal === 'string' ? (JSON.parse(_journal) as JournalRow[]) : _journal };
};

/** Why a run was not claimed: it is finished, gone, or another worker holds it. */
export const whyNotClaimed = async (db: Knex | Knex.Transaction, runId: string): Promise<'finished' | 'missing' | 'busy'> => {
  const row = await db('_wf_runs').where({ id: runId }).first('status');
  if (!row) return 'missing';
  if (['completed', 'failed', 'stopped'].includes(row.status)) return 'finished';
  return 'busy';
};

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * A transaction of one of the run's steps, inside the tenant's walls, that first checks
 * the run is still ours (same claim, still running) and locks it until commit; else the
 * step is abandoned (RUN_TAKEN_OVER). The check is the transaction's gate, so on the pg
 * pool it travels with BEGIN and the step's first statement: no round trip of its own.
 */
export const withHeldRun = async <T>(knex: Knex, tenant: Tenant, run: RunRow, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => {
  const gate = {
    select: '1 as _held',
    from: `${quoteIdent(tenant.schema)}._wf_runs where id = ${literal(run.id)} and attempts = ${Number(run.attempts)} and status = 'running' for update`,
  };
  try {
    return await withTenant(knex, tenant, fn, { gate });
  } catch (e) {
    if (e instanceof TenantGateClosed) throw problem('RUN_TAKEN_OVER', { run: run.id });
    throw e;
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
