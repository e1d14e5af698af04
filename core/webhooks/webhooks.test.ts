import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from '../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
import { databaseTenantEnv } from '../work/index.js';
import { httpSink, type Received } from '../workflow/test-support/http-sink.js';
import { until } from '../workflow/test-support/until.js';
import { startWorkflowWorker, type WorkflowWorker } from '../workflow/index.js';
import { webhookQueue } from './index.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const deal = {
  kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'name',
  fields: { name: { type: 'text', required: true }, margin: { type: 'integer' }, stage: { type: 'enum', options: [{ value: 'open' }, { value: 'won' }] } },
};
const note = { kind: 'entity', name: 'note', label: label('Note'), titleField: 'text', fields: { text: { type: 'text' } } };
const flow = { kind: 'lifecycle', name: 'deal_flow', entity: 'deal', field: 'stage', initial: 'open', transitions: [{ name: 'win', label: label('Win'), from: ['open'], to: 'won' }] };
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'all', update: 'all', fields: { margin: 'hidden' } } } };
const PASSWORD = 'Hook-Receiver-2026';

const verify = (r: Received, secret: string) => {
  const expected = `sha256=${createHmac('sha256', secret).update(`${r.headers['x-timestamp']}.${r.body}`).digest('hex')}`;
  expect(r.headers['x-signature']).toBe(expected);
  expect(Math.abs(Number(r.headers['x-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
};

describe('change webhooks', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let worker: WorkflowWorker;
  let sink: Awaited<ReturnType<typeof httpSink>>;
  let n = 0;
  const startWorker = () =>
    startWorkflowWorker(db, {
      tenants: databaseTenantEnv(db.knex),
      queues: [webhookQueue({ retryLimit: 2, retryDelaySeconds: 1, timeoutSeconds: 5 })],
      queue: { schedule: false },
      relay: { idleMs: 100, sweepMs: 2000 },
      pollSeconds: 0.5,
      services: { webhookAllow: ['127.0.0.1'] },
    });

  beforeAll(async () => {
    sink = await httpSink((path, count) => (path.startsWith('/flaky') && count === 1 ? { status: 500 } : path.startsWith('/down') ? { status: 503 } : { status: 200 }));
    ({ db, server, url } = await startTestServer({ config: { webhookAllow: ['127.0.0.1'] } }));
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await sink?.close();
  });

  /** A fresh tenant with deal, note, the deal lifecycle and a seller role; its admin's client. */
  const tenant = async () => {
    const slug = `hooks${++n}`;
    const { token } = await tenantWithAdmin(db, url, slug);
    const admin = api(url, token);
    for (const doc of [deal, note, flow, seller]) {
      const put = await admin('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const user = async (email: string, fields: Record<string, unknown>) => {
      const made = await admin('POST', '/api/users', { email, password: PASSWORD, name: email, ...fields });
      expect(made.status).toBe(201);
      const login = await api(url)('POST', '/api/auth/login', { tenant: slug, email, password: PASSWORD });
      return { id: made.body.id as string, client: api(url, login.body.token) };
    };
    return { slug, admin, user };
  };
  const target = (path: string) => `http://127.0.0.1:${sink.port}${path}`;
  const arrived = (path: string) => sink.received.filter((r) => r.path === path);
  const deliveries = async (admin: ReturnType<typeof api>, hook: string) => (await admin('GET', `/api/webhooks/${hook}/deliveries`)).body.data as Record<string, any>[];

  it('is for tenant admins, checks its input, and shows the secret once', async () => {
    const { admin, user } = await tenant();
    const { client: agent } = await user('agent@hooks.test', { roles: ['seller'] });
    expect((await agent('GET', '/api/webhooks')).status).toBe(403);
    expect((await agent('POST', '/api/webhooks', { url: target('/x'), entities: ['deal'], events: ['created'] })).status).toBe(403);
    const bad = await admin('POST', '/api/webhooks', { url: 'ftp://example.com/in', entities: ['deal', 'ghost'], events: ['created', 'exploded'], extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['entities', 'events', 'extra', 'url']);
    const none = await admin('POST', '/api/webhooks', { url: target('/x'), entities: [], events: [] });
    expect(none.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['entities', 'PICK_AT_LEAST_ONE'], ['events', 'PICK_AT_LEAST_ONE']]);
    const inside = await admin('POST', '/api/webhooks', { url: 'http://10.1.2.3/in', entities: ['deal'], events: ['created'] });
    expect(inside.status).toBe(400);
    expect(inside.body.errors[0]).toMatchObject({ field: 'url', code: 'WEBHOOK_URL_PRIVATE' });
    expect((await admin('GET', '/api/webhooks')).body.data).toEqual([]);

    const made = await admin('POST', '/api/webhooks', { url: target('/x'), entities: ['deal'], events: ['created'], description: 'ERP' });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_.{20,}$/);
    const listed = (await admin('GET', '/api/webhooks')).body.data;
    expect(listed).toEqual([expect.objectContaining({ id: made.body.id, url: target('/x'), entities: ['deal'], events: ['created'], active: true, secret: `whsec_…${made.body.secret.slice(-4)}` })]);
    expect((await agent('PATCH', `/api/webhooks/${made.body.id}`, { active: false })).status).toBe(403);
    expect((await admin('PATCH', `/api/webhooks/${made.body.id}`, { events: ['nope'] })).status).toBe(400);
    const changed = await admin('PATCH', `/api/webhooks/${made.body.id}`, { events: ['created', 'deleted'], rotateSecret: true });
    expect(changed.body).toMatchObject({ events: ['created', 'deleted'] });
    expect(changed.body.secret).not.toBe(made.body.secret);
    expect(changed.body.secret).toMatch(/^whsec_.{20,}$/);
    expect((await agent('GET', `/api/webhooks/${made.body.id}/deliveries`)).status).toBe(403);
    expect((await agent('DELETE', `/api/webhooks/${made.body.id}`)).status).toBe(403);
    expect((await admin('DELETE', `/api/webhooks/${made.body.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/api/webhooks/${made.body.id}`)).status).toBe(404);
  });

  it("delivers signed created, updated, transitioned and deleted events of subscribed entities only", async () => {
    const { admin } = await tenant();
    const hook = (await admin('POST', '/api/webhooks', { url: target('/all'), entities: ['deal'], events: ['created', 'updated', 'deleted', 'transitioned'] })).body;
    expect((await admin('POST', '/api/records/note', { text: 'not subscribed' })).status).toBe(201);
    const made = await admin('POST', '/api/records/deal', { name: 'Tower', margin: 12 });
    expect((await admin('PATCH', `/api/records/deal/${made.body.id}`, { margin: 15 }, { 'If-Match': '1' })).status).toBe(200);
    expect((await admin('POST', `/api/records/deal/${made.body.id}/transitions/win`)).status).toBe(200);
    expect((await admin('DELETE', `/api/records/deal/${made.body.id}`)).status).toBe(204);
    const got = await until(() => (arrived('/all').length >= 4 ? arrived('/all') : undefined), 30_000);
    for (const r of got) verify(r, hook.secret);
    const bodies = got.map((r) => JSON.parse(r.body)).sort((a, b) => a.version - b.version);
    expect(bodies.map((b) => [b.event, b.entity, b.recordId, b.version])).toEqual([
      ['created', 'deal', made.body.id, 1],
      ['updated', 'deal', made.body.id, 2],
      ['transitioned', 'deal', made.body.id, 3],
      ['deleted', 'deal', made.body.id, 4],
    ]);
    expect(bodies[0]).toMatchObject({ changed: expect.arrayContaining(['name', 'margin', 'stage']), record: { name: 'Tower', margin: 12, stage: 'open' } });
    expect(bodies[1]).toMatchObject({ changed: ['margin'], record: { margin: 15 } });
    expect(bodies[2]).toMatchObject({ changed: ['stage'], transition: { name: 'win', field: 'stage', from: 'open', to: 'won' }, record: { stage: 'won' } });
    expect(Date.parse(bodies[3].occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(got.map((r) => r.headers['x-event']).sort()).toEqual(['deal.created', 'deal.deleted', 'deal.transitioned', 'deal.updated']);
    const log = await until(async () => {
      const rows = await deliveries(admin, hook.id);
      return rows.length === 4 && rows.every((d) => d.status === 'delivered') ? rows : undefined;
    });
    expect(log.every((d) => d.attempts === 1 && d.responseCode === 200 && d.entity === 'deal' && typeof d.durationMs === 'number')).toBe(true);
  });

  it("sends the record as its owner may read it", async () => {
    const { admin, user } = await tenant();
    const owner = await user('owner@hooks.test', { isAdmin: true });
    const hook = (await owner.client('POST', '/api/webhooks', { url: target('/owned'), entities: ['deal'], events: ['created', 'updated'] })).body;
    expect((await admin('PATCH', `/api/users/${owner.id}`, { isAdmin: false, roles: ['seller'] })).status).toBe(200);
    await admin('POST', '/api/records/deal', { name: 'Bridge', margin: 40 });
    const [r] = await until(() => (arrived('/owned').length ? arrived('/owned') : undefined), 30_000);
    verify(r, hook.secret);
    const body = JSON.parse(r.body);
    expect(body.record.name).toBe('Bridge');
    expect(body.record).not.toHaveProperty('margin');
    expect(body.changed).not.toContain('margin');
    expect(r.body).not.toContain('margin');
  });

  it('retries a failing receiver with backoff until it answers, logs each attempt, and redelivers on request', async () => {
    const { admin } = await tenant();
    const hook = (await admin('POST', '/api/webhooks', { url: target('/flaky'), entities: ['deal'], events: ['created'] })).body;
    await admin('POST', '/api/records/deal', { name: 'Retry' });
    const [done] = await until(async () => {
      const rows = await deliveries(admin, hook.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    }, 30_000);
    expect(done).toMatchObject({ attempts: 2, responseCode: 200, lastError: null, event: 'created' });
    const calls = arrived('/flaky');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers['x-delivery-id'])).toEqual([done.id, done.id]);
    for (const c of calls) verify(c, hook.secret);

    const again = await admin('POST', `/api/webhooks/${hook.id}/deliveries/${done.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: done.id, status: 'pending' });
    await until(() => (arrived('/flaky').length === 3 ? true : undefined), 30_000);
    expect(JSON.parse(arrived('/flaky')[2].body)).toMatchObject({ id: done.id, event: 'created', record: { name: 'Retry' } });
    const after = await until(async () => {
      const [row] = await deliveries(admin, hook.id);
      return row.status === 'delivered' && row.attempts === 3 ? row : undefined;
    });
    expect(after.responseCode).toBe(200);
    expect((await admin('POST', `/api/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)).status).toBe(404);
  });

  it('gives up after the last attempt and marks the delivery dead', async () => {
    const { admin } = await tenant();
    const hook = (await admin('POST', '/api/webhooks', { url: target('/down'), entities: ['deal'], events: ['created'] })).body;
    await admin('POST', '/api/records/deal', { name: 'Doomed' });
    const [dead] = await until(async () => {
      const rows = await deliveries(admin, hook.id);
      return rows[0]?.status === 'dead' ? rows : undefined;
    }, 30_000);
    expect(dead).toMatchObject({ attempts: 3, responseCode: 503 });
    expect(dead.lastError).toContain('503');
    expect(arrived('/down')).toHaveLength(3);
  });

  it('sends nothing for a change that was rolled back', async () => {
    const { admin } = await tenant();
    const hook = (await admin('POST', '/api/webhooks', { url: target('/rolled'), entities: ['deal'], events: ['created'] })).body;
    const batch = await admin('POST', '/api/records/deal/batch', { allOrNone: true, items: [{ op: 'create', data: { name: 'Kept?' } }, { op: 'create', data: {} }] });
    expect(batch.status).toBe(422);
    await admin('POST', '/api/records/deal', { name: 'Committed' });
    await until(() => (arrived('/rolled').length ? true : undefined), 30_000);
    const rows = await until(async () => {
      const all = await deliveries(admin, hook.id);
      return all.every((d) => d.status === 'delivered') ? all : undefined;
    });
    expect(rows).toHaveLength(1);
    expect(arrived('/rolled').map((r) => JSON.parse(r.body).record.name)).toEqual(['Committed']);
  });

  it('delivers a committed change that no worker was running to send (the outbox keeps it)', async () => {
    const { admin } = await tenant();
    const hook = (await admin('POST', '/api/webhooks', { url: target('/later'), entities: ['deal'], events: ['created'] })).body;
    await worker.stop();
    expect((await admin('POST', '/api/records/deal', { name: 'While down' })).status).toBe(201);
    expect((await deliveries(admin, hook.id)).map((d) => d.status)).toEqual(['pending']);
    expect(arrived('/later')).toHaveLength(0);
    worker = await startWorker();
    const [r] = await until(() => (arrived('/later').length ? arrived('/later') : undefined), 30_000);
    verify(r, hook.secret);
    expect(JSON.parse(r.body).record.name).toBe('While down');
  });
});
