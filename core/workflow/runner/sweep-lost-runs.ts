import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { workflowRunsLost } from '../../metrics/index.js';
import { activeRunJobs, type ActiveRunJob } from '../queue/active-run-jobs.js';
import type { RunRetries } from './run-retries.js';
import type { TenantEnv } from './tenant-env.js';

/** What a run whose worker stopped renewing its lease shows until another worker takes it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const LEASE_LOST = { code: 'LEASE_LOST', message: 'The worker running it stopped responding; another worker takes it over.' };

/**
 * Hands the runs of dead workers to live ones: a run job active for longer than the
 * lease whose run's lease ran out (or was never taken, or whose run is already over) is
 * failed in the queue, which retries it with its backoff (and after the last attempt
 * parks it in the dead-letter queue), keeping its attempt count; a `running` run becomes
 * `retrying` with the error `LEASE_LOST`. The next worker to take the job resumes the
 * run from its journal. A run row locked by a step transaction is in use, not lost.
 * Every worker sweeps every heartbeat; two sweeping at once fail a job twice, harmlessly.
 */
export const sweepLostRuns = async (knex: Knex, retries: RunRetries, tenants: TenantEnv, leaseSeconds: number): Promise<number> => {
  const jobs = await activeRunJobs(knex, leaseSeconds);
  const byTenant = new Map<string, typeof jobs>();
  for (const j of jobs) byTenant.set(j.tenantId, [...(byTenant.get(j.tenantId) ?? []), j]);
  const lostJobs: (ActiveRunJob & { tenant?: Tenant })[] = [];
  for (const [tenantId, tenantJobs] of byTenant) {
    const tenant = await tenants.tenant(tenantId);
    if (!tenant) {
      lostJobs.push(...tenantJobs);
      continue;
    }
    const lostRuns = await withTenant(knex, tenant, async (trx) => {
      const runIds = tenantJobs.map((j) => j.runId).filter((id) => UUID.test(id));
      const existing: string[] = await trx('_wf_runs').whereIn('id', runIds).pluck('id');
      const expired: string[] = await trx('_wf_runs')
        .whereIn('id', runIds)
        .where((q) => q.whereNull('lease_until').orWhere('lease_until', '<', trx.fn.now()))
        .forUpdate()
        .skipLocked()
        .pluck('id');
      return tenantJobs.filter((j) => expired.includes(j.runId) || !existing.includes(j.runId));
    });
    lostJobs.push(...lostRuns.map((j) => ({ ...j, tenant })));
  }
  for (const job of lostJobs) {
    const next = await retries.fail(job.jobId, LEASE_LOST);
    if (!job.tenant) continue;
    // Still running on the lost lease (unless a worker took it since): retrying, with why and when.
    await withTenant(knex, job.tenant, (trx) =>
      trx('_wf_runs')
        .where({ id: job.runId, status: 'running' })
        .where((q) => q.whereNull('lease_until').orWhere('lease_until', '<', trx.fn.now()))
        .update({ status: 'retrying', lease_until: null, updated_at: trx.fn.now(), error: JSON.stringify(LEASE_LOST), next_attempt_at: next }),
    );
  }
  if (lostJobs.length) workflowRunsLost.inc(lostJobs.length);
  return lostJobs.length;
};
