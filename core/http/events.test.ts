import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { publishEvent, sweepEvents } from '../events/index.js';
import { insertNotifications } from '../workflow/steps/notify/insert-notifications.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';
import { openEventStream, type EventStream, type ReceivedEvent } from './test-event-stream.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const deal = { kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title', fields: { title: { type: 'text', required: true } } };
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'none' } } };
const isChange = (id: string) => (e: ReceivedEvent) => e.event === 'record.changed' && e.data.id === id;

describe('live events (GET /api/events)', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let tenant: Tenant;
  let adminToken: string;
  let admin: ReturnType<typeof api>;
  let sellerToken: string;
  let sellerId: string;
  const open: EventStream[] = [];
  const stream = async (token: string, opts: Parameters<typeof openEventStream>[2] = {}) => {
    const s = await openEventStream(url, token, opts);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    ({ tenant, token: adminToken } = await tenantWithAdmin(db, url, 'live'));
    admin = api(url, adminToken);
    await admin('PUT', '/api/studio/entity/deal', deal);
    await admin('PUT', '/api/studio/role/seller', seller);
    await admin('POST', '/api/studio/publish', {});
    sellerId = (await admin('POST', '/api/users', { email: 's@live.test', password: 'Seller-Pass-2026', name: 'Sam Seller', roles: ['seller'] })).body.id;
    sellerToken = (await api(url)('POST', '/api/auth/login', { tenant: 'live', email: 's@live.test', password: 'Seller-Pass-2026' })).body.token;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
  });

  it('sends a record change only to watchers who may read the record, and nothing to another tenant', async () => {
    const other = await tenantWithAdmin(db, url, 'elsewhere');
    await api(url, other.token)('PUT', '/api/studio/entity/deal', deal);
    await api(url, other.token)('POST', '/api/studio/publish', {});
    const mine = await stream(sellerToken, { watch: 'deal' });
    const boss = await stream(adminToken, { watch: 'deal' });
    const outsider = await stream(other.token, { watch: 'deal' });
    expect(mine.status).toBe(200);
    await Promise.all([mine, boss, outsider].map((s) => s.next((e) => e.event === 'ready')));

    const hidden = (await admin('POST', '/api/records/deal', { title: 'Admin only' })).body;
    const own = (await api(url, sellerToken)('POST', '/api/records/deal', { title: 'Mine' })).body;
    const theirs = (await api(url, other.token)('POST', '/api/records/deal', { title: 'Theirs' })).body;

    expect((await boss.next(isChange(own.id))).data).toMatchObject({ entity: 'deal', action: 'create', by: { id: sellerId, name: 'Sam Seller' } });
    expect(boss.events.some(isChange(hidden.id))).toBe(true);
    await mine.next(isChange(own.id));
    expect(mine.events.some(isChange(hidden.id))).toBe(false);
    await outsider.next(isChange(theirs.id));
    expect(outsider.events.filter((e) => e.event === 'record.changed').map((e) => e.data.id)).toEqual([theirs.id]);
  });

  it('readers with different rights (own rows, a rule scope, admin) each get exactly the changes they may read', async () => {
    const viewer = { kind: 'role', name: 'viewer', label: label('Viewer'), entities: { deal: { read: { '==': [{ var: 'title' }, 'Open'] } } } };
    await admin('PUT', '/api/studio/role/viewer', viewer);
    await admin('POST', '/api/studio/publish', {});
    const signIn = async (login: string, roles: string[]) => {
      const made = (await admin('POST', '/api/users', { email: `${login}@live.test`, password: 'Reader-Pass-2026', name: login, roles })).body;
      const token = (await api(url)('POST', '/api/auth/login', { tenant: 'live', email: `${login}@live.test`, password: 'Reader-Pass-2026' })).body.token as string;
      return { id: made.id as string, token };
    };
    const other = await signIn('other.seller', ['seller']);
    const [v1, v2] = [await signIn('viewer1', ['viewer']), await signIn('viewer2', ['viewer'])];
    const streams = {
      sam: [await stream(sellerToken, { watch: 'deal' }), await stream(sellerToken, { watch: 'deal' })],
      other: [await stream(other.token, { watch: 'deal' })],
      viewers: [await stream(v1.token, { watch: 'deal' }), await stream(v2.token, { watch: 'deal' })],
      admin: [await stream(adminToken, { watch: 'deal' })],
    };
    const every = Object.values(streams).flat();
    await Promise.all(every.map((s) => s.next((e) => e.event === 'ready')));

    const samsOpen = (await api(url, sellerToken)('POST', '/api/records/deal', { title: 'Open' })).body;
    const othersClosed = (await api(url, other.token)('POST', '/api/records/deal', { title: 'Closed' })).body;
    const adminsOpen = (await admin('POST', '/api/records/deal', { title: 'Open' })).body;
    const last = (await admin('POST', '/api/records/deal', { title: 'Last' })).body;
    await Promise.all(streams.admin.map((s) => s.next(isChange(last.id))));
    await Promise.all([...streams.sam.map((s) => s.next(isChange(samsOpen.id))), ...streams.other.map((s) => s.next(isChange(othersClosed.id)))]);
    await Promise.all(streams.viewers.map((s) => s.next(isChange(adminsOpen.id))));
    const seen = (s: EventStream) => s.events.filter((e) => e.event === 'record.changed').map((e) => e.data.id);
    const made = [samsOpen.id, othersClosed.id, adminsOpen.id, last.id];
    for (const s of streams.sam) expect(seen(s).filter((id) => made.includes(id))).toEqual([samsOpen.id]);
    for (const s of streams.other) expect(seen(s).filter((id) => made.includes(id))).toEqual([othersClosed.id]);
    for (const s of streams.viewers) expect(seen(s).filter((id) => made.includes(id))).toEqual([samsOpen.id, adminsOpen.id]);
    for (const s of streams.admin) expect(seen(s).filter((id) => made.includes(id))).toEqual(made);
    for (const s of every) s.close();
  });

  it('sends changes of a watched record only, events by audience (a user, a role), and nothing of a rolled-back transaction', async () => {
    const a = (await admin('POST', '/api/records/deal', { title: 'A' })).body;
    const b = (await admin('POST', '/api/records/deal', { title: 'B' })).body;
    const watcher = await stream(adminToken, { watch: `deal:${b.id}` });
    const seller1 = await stream(sellerToken);
    await Promise.all([watcher, seller1].map((s) => s.next((e) => e.event === 'ready')));
    await admin('PATCH', `/api/records/deal/${a.id}`, { title: 'A2' }, { 'If-Match': String(a.version) });
    await admin('PATCH', `/api/records/deal/${b.id}`, { title: 'B2' }, { 'If-Match': String(b.version) });
    expect((await watcher.next(isChange(b.id))).data.action).toBe('update');
    expect(watcher.events.some(isChange(a.id))).toBe(false);

    await expect(
      withTenant(db.knex, tenant, async (trx) => {
        await publishEvent({ topic: 'demo.rolled_back', audience: { user: sellerId } }, { db: trx });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await withTenant(db.knex, tenant, async (trx) => {
      await insertNotifications(trx, [sellerId], { title: 'For Sam' });
      await publishEvent({ topic: 'demo.ping', audience: { role: 'seller' }, data: { n: 1 } }, { db: trx });
      await publishEvent({ topic: 'demo.secret', audience: { role: 'manager' } }, { db: trx });
      await publishEvent({ topic: 'demo.last', audience: { user: sellerId } }, { db: trx });
    });
    await seller1.next((e) => e.event === 'demo.last');
    expect(seller1.events.map((e) => e.event)).toEqual(['ready', 'notification', 'demo.ping', 'demo.last']);
    expect(seller1.events[1].data).toMatchObject({ title: 'For Sam', topic: 'notification' });
    await watcher.next(isChange(b.id));
    expect(watcher.events.some((e) => e.event === 'notification' || e.event.startsWith('demo.'))).toBe(false);
  });

  it('resumes after Last-Event-ID without a gap, and says reset when the window has passed', async () => {
    const first = await stream(adminToken, { watch: 'deal' });
    await first.next((e) => e.event === 'ready');
    const made = [];
    for (const title of ['r1', 'r2']) made.push((await admin('POST', '/api/records/deal', { title })).body);
    await first.next(isChange(made[1].id));
    first.close();
    const seen = first.lastId()!;
    for (const title of ['r3', 'r4', 'r5']) made.push((await admin('POST', '/api/records/deal', { title })).body);

    const again = await stream(adminToken, { watch: 'deal', lastEventId: seen });
    await again.next(isChange(made[4].id));
    expect(again.events.map((e) => e.data.id)).toEqual(made.slice(2).map((m) => m.id));
    expect(again.events.map((e) => Number(e.id))).toEqual([1, 2, 3].map((n) => Number(seen) + n));

    await withTenant(db.knex, tenant, (trx) => sweepEvents(trx, new Date(Date.now() + 60 * 60_000)));
    const late = await stream(adminToken, { watch: 'deal', lastEventId: seen });
    expect((await late.next(() => true)).event).toBe('reset');
  });

  it('refuses a bad watch list and more streams than the cap, and counts open streams', async () => {
    const bad = await stream(adminToken, { watch: 'deal:x y' });
    expect(bad.status).toBe(400);
    expect(bad.problem).toMatchObject({ errors: [{ field: 'watch' }] });
    for (const s of open) s.close();
    const ten = await Promise.all(Array.from({ length: 10 }, () => stream(sellerToken)));
    expect(ten.every((s) => s.status === 200)).toBe(true);
    const eleventh = await stream(sellerToken);
    expect(eleventh.status).toBe(429);
    expect(eleventh.problem).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const metrics = await fetch(`${url}/api/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/crm_sse_connections \d+/);
    expect(Number(/crm_sse_connections (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(10);
    expect((await stream(adminToken)).status).toBe(200);

    for (const s of ten) s.close();
    const gauge = async () => Number(/crm_sse_connections (\d+)/.exec(await fetch(`${url}/api/metrics`).then((r) => r.text()))![1]);
    const deadline = Date.now() + 10_000;
    let now = await gauge();
    while (now > 1 && Date.now() < deadline) now = await gauge();
    expect(now).toBe(1);
    expect((await stream(sellerToken)).status).toBe(200);
  });
});
