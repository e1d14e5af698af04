import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant.js';
import { activeRunJobs, retryingAndDeadJobs } from '../queue/active-run-jobs.js';
import type { TenantEnv } from './tenant-env.js';

export interface RunHealth {
  /** `running` runs whose worker's lease ran out (it died or stalled); the sweep hands them on. */
  stuck: number;
  /** Runs whose job waits for its next attempt. */
  retrying: number;
  /** Runs whose job gave up (dead-letter jobs still in the queue's table). */
  dead: number;
}

/**
 * The workflow runs in trouble, for the metrics: read from the queue's job table, and for
 * the few jobs active longer than the lease, their runs' leases (one read per tenant).
 */
export const runHealth = async (knex: Knex, tenants: Pick<TenantEnv, 'tenant'>, leaseSeconds: number): Promise<RunHealth> => {
  const [{ retrying, dead }, active] = await Promise.all([retryingAndDeadJobs(knex), activeRunJobs(knex, leaseSeconds)]);
  const byTenant = new Map<string, string[]>();
  for (const j of active) byTenant.set(j.tenantId, [...(byTenant.get(j.tenantId) ?? []), j.runId]);
  let stuck = 0;
  for (const [tenantId, runIds] of byTenant) {
    const tenant = await tenants.tenant(tenantId);
    if (!tenant) continue;
    const [row] = await withTenant(knex, tenant, (trx) =>
      trx('_wf_runs').whereIn('id', runIds).where({ status: 'running' }).where('lease_until', '<', trx.fn.now()).count<{ n: string }[]>({ n: '*' }),
    );
    stuck += Number(row?.n ?? 0);
  }
  return { stuck, retrying, dead };
};
