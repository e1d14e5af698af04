/**
 * Test support: a workflow worker in a process of its own (DATABASE_URL) with the
 * engine's default lease, heartbeat, retries and concurrency (as `crm worker` runs), for
 * the test that kills one with SIGKILL mid-run. Only the once-a-minute cron is off.
 */
import { connect } from '../../db/connect.js';
import { databaseTenantEnv } from '../../work/database-tenant-env.js';
import { startWorkflowWorker } from '../worker.js';

const db = connect({ databaseUrl: process.env.DATABASE_URL, poolMax: 6 });
const worker = await startWorkflowWorker(db, {
  tenants: databaseTenantEnv(db.knex),
  queue: { schedule: false },
  services: { webhookAllow: ['127.0.0.1'] },
  onError: (e) => process.stderr.write(`worker: ${(e as Error)?.message ?? String(e)}\n`),
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => db.close()).finally(() => process.exit(0));
});
