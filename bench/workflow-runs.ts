/**
 * Record-triggered workflow runs per second on PostgreSQL, and per-tenant fairness.
 *
 * A scratch database; tenant A gets a two-step workflow of set steps on create, tenant B
 * the same. BENCH_WRITERS writers create BENCH_RUNS records in A through the record
 * service (each write records its run in the outbox in the write's transaction, as the
 * API's create does) while a worker (in this process, or BENCH_WORKERS > 1: more in
 * processes of their own) advances the runs. Meanwhile tenant B creates one record every
 * 250 ms: its runs' latency (created → finished) is the fairness figure.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/workflow-runs.ts
 *   BENCH_RUNS=5000 BENCH_WRITERS=16 BENCH_CONCURRENCY=8 …
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Knex } from 'knex';
import { connect } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { createScratchDatabase } from '../core/db/test-database.js';
import type { EntityDocument } from '../core/metadata/types.js';
import { createRecord } from '../core/records/index.js';
import { workflowTenants } from '../core/workflow/test-support/workflow-tenant.js';
import { startWorkflowWorker } from '../core/workflow/worker.js';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 3000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const item: EntityDocument = { kind: 'entity', name: 'item', titleField: 'name', fields: { name: { type: 'text', required: true }, score: { type: 'integer' }, stage: { type: 'text' } } };
const flow = {
  name: 'twostep', entity: 'item', trigger: { on: 'create' },
  steps: [
    { id: 'one', type: 'set', fields: { score: 10 } },
    { id: 'two', type: 'set', fields: { stage: 'done' } },
  ],
};

/**
 * What the database did for this bench so far: its committed and rolled-back transactions
 * (pg_stat_database; a statement outside a transaction is one) and the CPU time of the
 * server processes now connected to it (from /proc, when PostgreSQL runs on this machine;
 * the pools keep their connections for the whole bench). Per run, these hardly depend on
 * what else loads the machine, unlike the rates.
 */
const databaseWork = async (knex: Knex): Promise<{ transactions: number; serverCpuMs: number | null }> => {
  await new Promise((r) => setTimeout(r, 1500)); // backends report their counts within a second
  const { rows: tx } = await knex.raw(`select (xact_commit + xact_rollback)::bigint as n from pg_stat_database where datname = current_database()`);
  const { rows: pids } = await knex.raw(`select pid from pg_stat_activity where datname = current_database()`);
  let ticks = 0;
  try {
    for (const { pid } of pids as { pid: number }[]) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
  } catch {
    return { transactions: Number(tx[0].n), serverCpuMs: null }; // not on this machine
  }
  return { transactions: Number(tx[0].n), serverCpuMs: ticks * 10 };
};

const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

const main = async () => {
  const scratch = await createScratchDatabase(URL);
  const db = connect({ databaseUrl: scratch.url, poolMax: WRITERS + CONCURRENCY + 4 });
  try {
    await migrateEngine(db.knex);
    const tenants = workflowTenants(db);
    const a = await tenants.add([item], [flow]);
    const b = await tenants.add([item], [flow]);
    const worker = await startWorkflowWorker(db, { tenants: tenants.env, concurrency: CONCURRENCY, queue: { schedule: false }, services: {} });
    const load0 = os.loadavg()[0];
    const work0 = await databaseWork(db.knex);
    const cpu0 = process.cpuUsage();
    const started = Date.now();
    let next = 0;
    const writer = async () => {
      while (next < RUNS) {
        const i = next++;
        await a.write((ctx) => createRecord('item', { name: `Item ${i}` }, ctx));
      }
    };
    let bursting = true;
    let bCount = 0;
    const other = (async () => {
      while (bursting) {
        await b.write((ctx) => createRecord('item', { name: `Other ${bCount++}` }, ctx));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const written = Date.now();
    for (;;) {
      const { rows } = await db.knex.raw(`select count(*)::int as n from "${a.tenant.schema}"._wf_runs where status = 'completed'`);
      if (rows[0].n >= RUNS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const finished = Date.now();
    bursting = false;
    await other;
    const cpu1 = process.cpuUsage(cpu0);
    const work1 = await databaseWork(db.knex);
    const perRun = (x: number) => +(x / (RUNS + bCount)).toFixed(2);
    const load1 = os.loadavg()[0];
    const { rows: bRuns } = await db.knex.raw(
      `select extract(epoch from finished_at - created_at) * 1000 as ms from "${b.tenant.schema}"._wf_runs where created_at <= to_timestamp(?::float8 / 1000) and status = 'completed'`,
      [finished],
    );
    const bMs = (bRuns as { ms: number }[]).map((r) => Number(r.ms));
    const { rows: lost } = await db.knex.raw(`select count(*)::int as n from "${a.tenant.schema}"._wf_runs where status <> 'completed'`);
    await worker.stop();
    console.log(
      JSON.stringify(
        {
          backend: 'postgresql',
          runs: RUNS,
          writers: WRITERS,
          concurrency: CONCURRENCY,
          writesPerSecond: Math.round((RUNS / (written - started)) * 1000),
          runsPerSecond: Math.round((RUNS / (finished - started)) * 1000),
          lagAfterLastWriteMs: finished - written,
          notCompleted: lost[0].n,
          perRun: {
            transactions: perRun(work1.transactions - work0.transactions),
            workerAndWritersCpuMs: perRun((cpu1.user + cpu1.system) / 1000),
            serverCpuMs: work0.serverCpuMs === null || work1.serverCpuMs === null ? null : perRun(work1.serverCpuMs - work0.serverCpuMs),
          },
          otherTenant: { runs: bMs.length, p50Ms: Math.round(percentile(bMs, 50)), p95Ms: Math.round(percentile(bMs, 95)), maxMs: Math.round(Math.max(0, ...bMs)) },
          machine: { cpus: os.cpus().length, loadAverage1mBefore: +load0.toFixed(2), loadAverage1mAfter: +load1.toFixed(2) },
        },
        null,
        2,
      ),
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
};

await main();
