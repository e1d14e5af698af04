import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_SETTINGS } from '../worker-settings.js';
import { httpSink } from '../test-support/http-sink.js';
import { until } from '../test-support/until.js';
import { killWorkerGroup, startWorkerProcess } from '../test-support/worker-process.js';
import { label, workflowServer } from '../test-support/workflow-server.js';

const RECORDS = 20;
/** The worker's default concurrency on PostgreSQL: the runs in flight when it is killed. */
const IN_FLIGHT = 4;
/** Slow calls answered before the sink starts holding them (runs finished before the kill). */
const ANSWERED_FIRST = 6;

// PostgreSQL only: the worker runs in a process of its own, which the embedded database (one process) cannot serve.
describe.skipIf(!process.env.TEST_DATABASE_URL)('worker processes killed with SIGKILL mid-run, under the default lease settings', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  let sink: Awaited<ReturnType<typeof httpSink>>;
  const children: ChildProcess[] = [];
  let holding = true;

  beforeAll(async () => {
    sink = await httpSink((path, n) => (path === '/slow' && holding && n > ANSWERED_FIRST ? { hold: true } : { status: 200 }));
    const entity = { kind: 'entity', name: 'purchase', label: label('Purchase'), titleField: 'code', fields: { code: { type: 'text', required: true }, stage: { type: 'text' } } };
    const task = { kind: 'entity', name: 'task', label: label('Task'), titleField: 'subject', fields: { subject: { type: 'text', required: true } } };
    const flow = {
      kind: 'workflow', name: 'fulfil', label: label('Fulfil'), entity: 'purchase', trigger: { on: 'create' },
      steps: [
        { id: 'first', type: 'set', fields: { stage: 'paid' } },
        { id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/slow`, timeoutSeconds: 60 },
        { id: 'task', type: 'create', entity: 'task', fields: { subject: { cat: ['Ship ', { var: 'code' }] } } },
        { id: 'notice', type: 'webhook', url: `http://127.0.0.1:${sink.port}/done` },
        { id: 'last', type: 'set', fields: { stage: 'shipped' } },
      ],
    };
    s = await workflowServer('crash', [entity, task, flow], { worker: false });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
    await sink?.close();
    await s?.close();
  });

  it('every run completes within 60 s of a new worker starting, each database step applied once, each call with one key', async () => {
    expect(DEFAULT_WORKER_SETTINGS).toEqual({ leaseSeconds: 30, heartbeatSeconds: 10 });
    const url = (s.db.knex.client.config.connection as { connectionString: string }).connectionString;
    const first = await startWorkerProcess(url);
    children.push(first);
    const codes = Array.from({ length: RECORDS }, (_, i) => `SO-${100 + i}`);
    const records = new Map<string, string>();
    for (const code of codes) records.set(code, (await s.admin('POST', '/api/records/purchase', { code })).body.id as string);
    await until(() => (sink.received.filter((r) => r.path === '/slow').length >= ANSWERED_FIRST + IN_FLIGHT ? true : undefined), 60_000);
    await killWorkerGroup(first);
    const inFlight = (await s.runs('fulfil')).filter((r) => r.status === 'running');
    expect(inFlight.length).toBe(IN_FLIGHT);

    holding = false;
    const second = await startWorkerProcess(url);
    children.push(second);
    const started = Date.now();
    const seen = new Set<string>();
    const all = await until(async () => {
      const res = await s.admin('GET', '/api/workflows/runs?workflow=fulfil&limit=50');
      const page = res.body as { data: { id: string; status: string; error: { code?: string } | null; next_attempt_at: string | null; attempts: number }[] };
      for (const r of page.data) if (r.status === 'retrying' && r.error?.code === 'LEASE_LOST' && r.next_attempt_at) seen.add(r.id);
      return page.data.length === RECORDS && page.data.every((r) => r.status === 'completed') ? page.data : undefined;
    }, 60_000, 200);
    expect(Date.now() - started).toBeLessThan(60_000);
    // A run taken over was shown between its attempts with its last error and when the next was due.
    expect([...seen].sort()).toEqual(inFlight.map((r) => r.id).sort());
    for (const r of all) expect(r.attempts).toBe(inFlight.some((f) => f.id === r.id) ? 2 : 1);

    for (const [code, id] of records) {
      const history = await s.sql((trx) => trx('_history').where({ record_id: id, action: 'update' }).orderBy('id').pluck('changes'));
      expect(history).toEqual([{ stage: [null, 'paid'] }, { stage: ['paid', 'shipped'] }]);
      expect(await s.sql((trx) => trx('task').where({ subject: `Ship ${code}` }).pluck('id'))).toHaveLength(1);
    }
    const keysOf = (path: string) => {
      const byKey = new Map<string, number>();
      for (const r of sink.received.filter((x) => x.path === path)) byKey.set(String(r.headers['x-idempotency-key']), (byKey.get(String(r.headers['x-idempotency-key'])) ?? 0) + 1);
      return byKey;
    };
    const slow = keysOf('/slow');
    const done = keysOf('/done');
    for (const r of all) {
      const again = inFlight.some((f) => f.id === r.id);
      // The call in flight at the kill is repeated once, with the same key; every other call is made once.
      expect(slow.get(`${r.id}-1`)).toBe(again ? 2 : 1);
      expect(done.get(`${r.id}-3`)).toBe(1);
    }
    expect([...slow.keys()].length).toBe(RECORDS);
    expect([...done.keys()].length).toBe(RECORDS);
  }, 600_000);
});
