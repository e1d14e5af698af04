import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import type { Tenant } from '../../db/tenant.js';
import { createUser } from '../../security/index.js';
import type { RunRow, WorkflowServices } from '../types.js';
import { startWorkflowWorker, type WorkerOptions, type WorkflowWorker } from '../worker.js';
import { until } from './until.js';
import { workflowTenants } from './workflow-tenant.js';

/**
 * Test support for step tests: a fresh database, tenants with hand-built metadata and a
 * worker over them (retries after 1 s), made before the file's tests and closed after.
 */
export const stepHarness = (services: WorkflowServices = {}, worker: Partial<WorkerOptions> = {}) => {
  const h = {} as { db: Db; tenants: ReturnType<typeof workflowTenants>; worker: WorkflowWorker };
  beforeAll(async () => {
    h.db = await openTestDatabase();
    h.tenants = workflowTenants(h.db);
    h.worker = await startWorkflowWorker(h.db, { tenants: h.tenants.env, services, queue: { schedule: false, retryDelaySeconds: 1, retryLimit: 2, ...worker.queue }, relay: { idleMs: 100, sweepMs: 2000 }, pollSeconds: 0.5, ...worker });
  });
  afterAll(async () => {
    await h.worker?.stop();
    await h.db?.close();
  });
  return h;
};

type Tenantish = { run(id: string): Promise<RunRow> };

/** Waits for a run to reach a status (default completed) and returns it. */
export const settle = (t: Tenantish, id: string, status: RunRow['status'] = 'completed', ms = 20_000): Promise<RunRow> =>
  until(async () => {
    const r = await t.run(id);
    return r?.status === status ? r : undefined;
  }, ms);

/** A user of the tenant (in crm_system and the tenant's `_users` mirror). */
export const addUser = async (db: Db, tenant: Tenant, name: string, over: { roles?: string[]; team?: string; locale?: string } = {}) =>
  createUser({ tenantId: tenant.id, email: `${name.toLowerCase()}@${tenant.slug}.test`, password: 'Correct-Horse-42', name, ...over }, { knex: db.knex });
