/**
 * Record-triggered workflow runs per second, sustained: writers create records through
 * the record service (each write records its run in the outbox, as a request would)
 * while a worker advances the runs; the figure is runs completed per second from the
 * first write to the last run. Then the same with a script step, for its overhead.
 *
 *   npx tsx core/workflow/bench-workflows.ts                        # embedded PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx core/workflow/bench-workflows.ts
 *   BENCH_RUNS=2000 BENCH_WRITERS=8 BENCH_CONCURRENCY=8 …
 */
import { connect, type Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';
import { createScratchDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { createRecord } from '../records/index.js';
import { workflowTenants } from './test-support/workflow-tenant.js';
import { startWorkflowWorker } from './worker.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, score: { type: 'integer' }, stage: { type: 'text' } } };
const setFlow = { name: 'score', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'score', type: 'set', fields: { score: 10, stage: 'scored' } }] };
const scriptFlow = { name: 'score', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'score', type: 'script', code: `await crm.update('lead', input.id, { score: input.name.length, stage: 'scored' }); return 1;` }] };

const open = async (): Promise<{ db: Db; drop: () => Promise<void> }> => {
  if (!process.env.DATABASE_URL) {
    const db = connect({ dataDir: 'memory' });
    await migrateEngine(db.knex);
    return { db, drop: () => db.close() };
  }
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  const db = connect({ databaseUrl: scratch.url, poolMax: WRITERS + 4 });
  await migrateEngine(db.knex);
  return { db, drop: async () => { await db.close(); await scratch.drop(); } };
};

const measure = async (db: Db, flow: Record<string, unknown>, runs: number) => {
  const tenants = workflowTenants(db);
  const t = await tenants.add([lead], [flow]);
  const worker = await startWorkflowWorker(db, { tenants: tenants.env, concurrency: CONCURRENCY, queue: { schedule: false }, relay: { idleMs: 20, batch: 64, maxBacklog: 512 }, pollSeconds: 0.5, services: {} });
  const started = Date.now();
  let next = 0;
  const writer = async () => {
    while (next < runs) {
      const i = next++;
      await t.write((ctx) => createRecord('lead', { name: `Lead ${i}` }, ctx));
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const written = Date.now();
  for (;;) {
    const { rows } = await db.knex.raw(`select count(*)::int as n from "${t.tenant.schema}"._wf_runs where status = 'completed'`);
    if (rows[0].n >= runs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const finished = Date.now();
  await worker.stop();
  return { writesPerSecond: Math.round((runs / (written - started)) * 1000), runsPerSecond: Math.round((runs / (finished - started)) * 1000), msPerRun: (finished - started) / runs, lagAfterLastWriteMs: finished - written };
};

const main = async () => {
  const { db, drop } = await open();
  try {
    const set = await measure(db, setFlow, RUNS);
    const script = await measure(db, scriptFlow, Math.max(100, Math.round(RUNS / 4)));
    console.log(JSON.stringify({ backend: db.backend, runs: RUNS, writers: WRITERS, concurrency: CONCURRENCY, setStep: set, scriptStep: script, scriptOverheadMsPerRun: +(script.msPerRun - set.msPerRun).toFixed(2) }, null, 2));
  } finally {
    await drop();
  }
};

await main();
