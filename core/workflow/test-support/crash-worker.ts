/**
 * Test support: a workflow worker in a process of its own (DATABASE_URL), quick to give
 * up on a crashed job, for the test that kills one with SIGKILL mid-run.
 */
import { connect } from '../../db/connect.js';
import { databaseTenantEnv } from '../../work/database-tenant-env.js';
import { startWorkflowWorker } from '../worker.js';

const db = connect({ databaseUrl: process.env.DATABASE_URL, poolMax: 4 });
const worker = await startWorkflowWorker(db, {
  tenants: databaseTenantEnv(db.knex),
  concurrency: 1,
  queue: { schedule: false, expireInSeconds: 3, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, retryLimit: 5 },
  relay: { idleMs: 100, sweepMs: 1000 },
  pollSeconds: 0.5,
  services: { webhookAllow: ['127.0.0.1'] },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => db.close()).finally(() => process.exit(0));
});
