import type { ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test-support/until.js';
import { killWorkerGroup, startWorkerProcess } from '../test-support/worker-process.js';
import { label, workflowServer } from '../test-support/workflow-server.js';

const RECORDS = 12;
/** Each worker's default concurrency on PostgreSQL. */
const PER_WORKER = 4;
/** The shortest lease allowed, so the surviving worker's sweep finds the dead one's runs within about 20 s. */
const SETTINGS = { CRM_WORKFLOW_LEASE_SECONDS: '10', CRM_WORKFLOW_HEARTBEAT_SECONDS: '2' };

/** A receiver that holds every call until `release()`, recording each call's idempotency key. */
const holdingReceiver = async () => {
  const held: ServerResponse[] = [];
  const keys: string[] = [];
  let holding = true;
  const server = createServer((req, res) => {
    keys.push(String(req.headers['x-idempotency-key']));
    req.resume();
    if (holding) held.push(res);
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    keys,
    port: (server.address() as AddressInfo).port,
    release: () => {
      holding = false;
      held.splice(0).forEach((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
};

// PostgreSQL only: the workers run in processes of their own, which the embedded database (one process) cannot serve.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two worker processes, one killed with SIGKILL mid-run', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  let sink: Awaited<ReturnType<typeof holdingReceiver>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    sink = await holdingReceiver();
    const entity = { kind: 'entity', name: 'parcel', label: label('Parcel'), titleField: 'code', fields: { code: { type: 'text', required: true }, stage: { type: 'text' } } };
    const flow = {
      kind: 'workflow', name: 'ship', label: label('Ship'), entity: 'parcel', trigger: { on: 'create' },
      steps: [
        { id: 'first', type: 'set', fields: { stage: 'paid' } },
        { id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/slow`, timeoutSeconds: 60 },
        { id: 'last', type: 'set', fields: { stage: 'shipped' } },
      ],
    };
    s = await workflowServer('twoworkers', [entity, flow], { worker: false });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
    await sink?.close();
    await s?.close();
  });

  it('the other worker finishes the dead one\'s runs; no run is advanced twice, a repeated call carries its one key', async () => {
    const url = (s.db.knex.client.config.connection as { connectionString: string }).connectionString;
    const [a, b] = await Promise.all([startWorkerProcess(url, SETTINGS), startWorkerProcess(url, SETTINGS)]);
    children.push(a, b);
    for (let i = 0; i < RECORDS; i++) await s.admin('POST', '/api/records/parcel', { code: `O-${i}` });
    // Both workers full: each holds PER_WORKER runs in their call.
    await until(() => (sink.keys.length >= 2 * PER_WORKER ? true : undefined), 30_000);
    await killWorkerGroup(a);
    const killedAt = Date.now();
    sink.release();
    const runs = await until(async () => {
      const all = await s.runs('ship');
      return all.length === RECORDS && all.every((r) => r.status === 'completed') ? all : undefined;
    }, 45_000, 200);
    expect(Date.now() - killedAt).toBeLessThan(45_000);
    // The dead worker's runs were claimed a second time; no other run was.
    const takenOver = runs.filter((r) => r.attempts === 2);
    expect(takenOver).toHaveLength(PER_WORKER);
    expect(runs.every((r) => r.attempts <= 2)).toBe(true);
    for (const r of runs) {
      const history = await s.sql((trx) => trx('_history').where({ record_id: r.record_id, action: 'update' }).orderBy('id').pluck('changes'));
      expect(history).toEqual([{ stage: [null, 'paid'] }, { stage: ['paid', 'shipped'] }]);
      expect((await s.journal(r.id)).map((j) => [j.step_id, j.status])).toEqual([['first', 'done'], ['call', 'done'], ['last', 'done']]);
      const calls = sink.keys.filter((k) => k === `${r.id}-1`).length;
      expect(calls).toBe(r.attempts);
    }
  }, 600_000);
});
