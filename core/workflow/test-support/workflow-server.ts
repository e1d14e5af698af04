import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { refreshTenant } from '../../tenants/tenant-store.js';
import { api, startTestServer, tenantWithAdmin } from '../../http/test-server.js';
import type { JournalRow, RunRow, WorkflowServices } from '../types.js';
import { databaseTenantEnv } from '../../work/database-tenant-env.js';
import { startWorkflowWorker, type WorkflowWorker } from '../worker.js';
import { until } from './until.js';

export const label = (en: string) => ({ en, 'zh-CN': en });

/**
 * Test support: a real server over a fresh database, a tenant whose admin published the
 * given documents, and a workflow worker in the same process.
 */
export const workflowServer = async (slug: string, docs: Record<string, unknown>[], opts: { services?: WorkflowServices; worker?: boolean } = {}) => {
  const { db, server, url } = await startTestServer();
  const { tenant, token } = await tenantWithAdmin(db, url, slug);
  const admin = api(url, token);
  for (const doc of docs) {
    const res = await admin('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc);
    if (res.status !== 200) throw new Error(`PUT ${doc.kind}/${doc.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const published = await admin('POST', '/api/studio/publish', {});
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  const current: Tenant = await refreshTenant(db.knex, tenant);
  const worker: WorkflowWorker | undefined = opts.worker === false ? undefined : await startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), queue: { schedule: false, retryDelaySeconds: 1, retryLimit: 1 }, relay: { idleMs: 100, sweepMs: 2000 }, pollSeconds: 0.5, services: opts.services ?? {} });
  const sql = <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => withTenant(db.knex, current, fn);
  const run = (id: string): Promise<RunRow> => sql((trx) => trx('_wf_runs').where({ id }).first());
  const runs = (workflow?: string): Promise<RunRow[]> => sql((trx) => trx('_wf_runs').where(workflow ? { workflow } : {}).orderBy('id').select('*'));
  const journal = (runId: string): Promise<JournalRow[]> => sql((trx) => trx('_wf_steps').where({ run_id: runId }).orderBy('seq').select('*'));
  const settled = (id: string, status: RunRow['status'] = 'completed', ms = 40_000) => until(async () => {
    const r = await run(id);
    return r?.status === status ? r : undefined;
  }, ms);
  return {
    db, url, admin, token, tenant: current, worker, sql, run, runs, journal, settled,
    close: async () => {
      await worker?.stop();
      await server.close();
    },
  };
};
