import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../metadata/types.js';
import { createRecord } from '../../records/index.js';
import { JOBS_SCHEMA, RUN_QUEUE } from '../queue/queue-names.js';
import { listRuns } from '../runs/list-runs.js';
import { settle, stepHarness } from '../test-support/step-harness.js';
import { until } from '../test-support/until.js';
import { runHealth } from './run-health.js';

const LEASE = 10;
const deal: EntityDocument = { kind: 'entity', name: 'deal', titleField: 'title', fields: { title: { type: 'text', required: true }, stage: { type: 'text' } } };

/** A receiver that holds every request until `release()`, recording each call's idempotency key. */
const slowReceiver = async () => {
  const held: ServerResponse[] = [];
  const keys: string[] = [];
  const server = createServer((req, res) => {
    keys.push(String(req.headers['x-idempotency-key']));
    req.resume();
    held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    keys,
    port: (server.address() as AddressInfo).port,
    release: () => held.splice(0).forEach((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
};

describe('run leases with heartbeats', () => {
  let slow: Awaited<ReturnType<typeof slowReceiver>>;
  beforeAll(async () => (slow = await slowReceiver()));
  afterAll(async () => slow?.close());
  const h = stepHarness({ webhookAllow: ['127.0.0.1'] }, { leases: { leaseSeconds: LEASE, heartbeatSeconds: 2 } });
  const flow = () => [{ name: 'notify', entity: 'deal', trigger: { on: 'create' }, steps: [{ id: 'call', type: 'webhook', url: `http://127.0.0.1:${slow.port}/hook`, timeoutSeconds: 60 }, { id: 'done', type: 'set', fields: { stage: 'told' } }] }];

  it('keeps a run whose step outlasts the lease: the heartbeat renews it while the step waits', async () => {
    const t = await h.tenants.add([deal], flow());
    await t.write((ctx) => createRecord('deal', { title: 'slow' }, ctx));
    const [run] = await t.runs();
    await until(() => (slow.keys.length === 1 ? true : undefined));
    const claimed = await t.sql((trx) => trx('_wf_runs').where({ id: run.id }).first('heartbeat_at'));
    // Wait until the step has been under way longer than a lease, renewed all along.
    await until(async () => {
      const r = await t.sql((trx) => trx('_wf_runs').where({ id: run.id }).first('heartbeat_at', 'lease_until', trx.raw('lease_until > now() as held')));
      return r.held && new Date(r.heartbeat_at).getTime() - new Date(claimed.heartbeat_at).getTime() > (LEASE + 1) * 1000 ? r : undefined;
    }, 30_000, 250);
    slow.release();
    const done = await settle(t, run.id);
    expect(done.attempts).toBe(1);
    expect(slow.keys).toEqual([`${run.id}-0`]);
  }, 60_000);

  it('shows a run whose worker stopped renewing it as stuck, then hands it on with its last error and next attempt', async () => {
    slow.keys.length = 0;
    const t = await h.tenants.add([deal], flow());
    await t.write((ctx) => createRecord('deal', { title: 'lost' }, ctx));
    const [run] = await t.runs();
    await until(() => (slow.keys.length === 1 ? true : undefined));
    // The holder goes silent (as if its process died): no more renewals, and its lease has run out.
    h.worker.env.leases!.release(run.id);
    await t.sql((trx) => trx('_wf_runs').where({ id: run.id }).update({ lease_until: trx.raw(`now() - interval '1 second'`) }));
    const shown = await t.sql((trx) => listRuns({}, { db: trx }));
    expect(shown.data[0]).toMatchObject({ id: run.id, status: 'running', stuck: true, next_attempt_at: null });
    expect(shown.data[0].heartbeat_at).toBeTruthy();
    expect((await runHealth(h.db.knex, h.tenants.env, 0)).stuck).toBe(1);
    // Its job has now been active for longer than the lease: the next sweep hands it on.
    await h.db.knex.raw(`update ${JOBS_SCHEMA}.job set started_on = now() - interval '1 hour' where name = ? and state = 'active' and data->>'run' = ?`, [RUN_QUEUE, run.id]);
    const between = await until(async () => {
      const [r] = (await t.sql((trx) => listRuns({}, { db: trx }))).data;
      return r.status === 'retrying' ? r : undefined;
    }, 15_000, 25);
    expect(between).toMatchObject({ stuck: false, attempts: 1, error: { code: 'LEASE_LOST' } });
    expect(new Date(between.next_attempt_at).getTime()).toBeGreaterThan(Date.now() - 5_000);
    await until(() => (slow.keys.length === 2 ? true : undefined), 15_000);
    slow.release();
    const done = await settle(t, run.id);
    expect(done.attempts).toBe(2);
    // Both calls carried the step's one key; the silent holder's late answer changed nothing.
    expect(slow.keys).toEqual([`${run.id}-0`, `${run.id}-0`]);
    expect((await t.journal(run.id)).map((j) => [j.step_id, j.status])).toEqual([['call', 'done'], ['done', 'done']]);
  }, 60_000);

  it('wakes a run left running on a lease that ran out long ago with no job to retry it', async () => {
    const t = await h.tenants.add([deal], [{ name: 'noop', entity: 'deal', trigger: { on: 'manual' }, steps: [] }]);
    const id = '01900000-0000-7000-8000-0000000000aa';
    await t.sql((trx) => trx('_wf_runs').insert({ id, workflow: 'noop', trigger: 'manual', status: 'running', attempts: 1, lease_until: trx.raw(`now() - interval '1 hour'`) }));
    const done = await settle(t, id, 'completed', 30_000);
    expect(done.attempts).toBe(2);
  }, 60_000);
});
