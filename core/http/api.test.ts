import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from './test-server.js';

const deal = {
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, maxLength: 100, label: { en: 'Title', 'zh-CN': '标题' } },
    amount: { type: 'currency', min: 0 },
    stage: { type: 'enum', options: [{ value: 'new' }, { value: 'won' }] },
  },
};

describe('HTTP API', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let a: ReturnType<typeof api>;
  let b: ReturnType<typeof api>;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const ta = await tenantWithAdmin(db, url, 'http_a');
    const tb = await tenantWithAdmin(db, url, 'http_b');
    a = api(url, ta.token);
    b = api(url, tb.token);
    for (const call of [a, b]) {
      expect((await call('PUT', '/api/studio/entity/deal', deal)).status).toBe(200);
      expect((await call('POST', '/api/studio/publish', {})).status).toBe(200);
    }
  });
  afterAll(async () => server?.close());

  it('answers health without signing in, and 401 for the rest', async () => {
    expect((await api(url)('GET', '/api/health')).status).toBe(200);
    const res = await api(url)('GET', '/api/records/deal');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const anon = api(url);
    const wrong = await anon('POST', '/api/auth/login', { tenant: 'http_a', email: 'admin@http_a.test', password: 'nope-nope-nope' });
    const unknown = await anon('POST', '/api/auth/login', { tenant: 'http_a', email: 'ghost@http_a.test', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const missing = await anon('POST', '/api/auth/login', { tenant: 'http_a' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password']);
  });

  it('does records end to end: create, get, list, patch with If-Match, delete, restore, history', async () => {
    const created = await a('POST', '/api/records/deal', { title: '上海华信 deal', amount: 1200, stage: 'new' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const got = await a('GET', `/api/records/deal/${id}`);
    expect(got.body).toMatchObject({ title: '上海华信 deal', amount: 1200, version: 1 });
    expect(got.headers.get('etag')).toBe('"1"');
    const list = await a('GET', `/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 1000] }))}&sort=-amount,title&limit=10`);
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect((await a('PATCH', `/api/records/deal/${id}`, { amount: 5 })).status).toBe(428);
    const patched = await a('PATCH', `/api/records/deal/${id}`, { amount: 1500 }, { 'If-Match': '1' });
    expect(patched.body).toMatchObject({ amount: 1500, version: 2 });
    const stale = await a('PATCH', `/api/records/deal/${id}`, { amount: 1 }, { 'If-Match': '1' });
    expect(stale.status).toBe(409);
    expect((await a('GET', `/api/records/deal/${id}`)).body.amount).toBe(1500);
    expect((await a('DELETE', `/api/records/deal/${id}`)).status).toBe(204);
    expect((await a('GET', `/api/records/deal/${id}`)).status).toBe(404);
    expect((await a('POST', `/api/records/deal/${id}/restore`)).status).toBe(200);
    const history = await a('GET', `/api/records/deal/${id}/history`);
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete', 'restore']));
  });

  it('counts every matching record with total=true, on every page and past the last', async () => {
    for (const amount of [7001, 7002, 7003]) expect((await b('POST', '/api/records/deal', { title: `count ${amount}`, amount, stage: 'new' })).status).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 7000] }));
    const first = await b('GET', `/api/records/deal?filter=${filter}&sort=amount&limit=2&total=true`);
    expect(first.body).toMatchObject({ total: 3 });
    expect(first.body.data).toHaveLength(2);
    const second = await b('GET', `/api/records/deal?filter=${filter}&sort=amount&limit=2&total=true&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toMatchObject({ total: 3, nextCursor: null });
    expect(second.body.data.map((r: { amount: number }) => r.amount)).toEqual([7003]);
    expect((await b('DELETE', `/api/records/deal/${second.body.data[0].id}`)).status).toBe(204);
    const past = await b('GET', `/api/records/deal?filter=${filter}&sort=amount&limit=2&total=true&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(past.body).toEqual({ data: [], nextCursor: null, total: 2 });
    const none = await b('GET', `/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 9e9] }))}&total=true`);
    expect(none.body).toEqual({ data: [], nextCursor: null, total: 0 });
    expect((await b('GET', `/api/records/deal?filter=${filter}`)).body.total).toBeUndefined();
    const bad = await b('GET', '/api/records/deal?total=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('total');
  });

  it('keeps tenants apart: tenant B gets 404 for tenant A\'s record', async () => {
    const created = await a('POST', '/api/records/deal', { title: 'secret' });
    expect((await b('GET', `/api/records/deal/${created.body.id}`)).status).toBe(404);
    expect((await b('PATCH', `/api/records/deal/${created.body.id}`, { title: 'x' }, { 'If-Match': '1' })).status).toBe(404);
  });

  it('answers bad input with a clear problem and changes nothing', async () => {
    const before = (await a('GET', '/api/records/deal?limit=500')).body.data.length;
    const invalid = await a('POST', '/api/records/deal', { amount: -5, stage: 'lost', bogus: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'bogus', 'stage', 'title']);
    expect((await a('POST', '/api/records/deal', '{"title": ')).status).toBe(400);
    expect((await a('GET', '/api/records/deal?sort=name;drop table x')).status).toBe(400);
    expect((await a('GET', '/api/records/nothing_here')).status).toBe(404);
    const unknownField = await a('GET', `/api/records/deal?filter=${encodeURIComponent('{"==":[{"var":"colour"},"red"]}')}`);
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('colour');
    const unknownParam = await a('GET', '/api/records/deal?limt=5');
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.errors[0].field).toBe('limt');
    // twice the 1 MB limit: sent well within the server's keep-alive timeout, even on a busy machine
    const big = await a('POST', '/api/records/deal', JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await a('GET', '/api/records/deal?limit=500')).body.data.length).toBe(before);
    for (const res of [invalid, unknownField]) expect(JSON.stringify(res.body)).not.toMatch(/select|insert|\bat .*\.ts/i);
  });

  it('needs the CSRF token for cookie-authenticated writes', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'http_a', email: 'admin@http_a.test', password: ADMIN_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const withCookie = api(url);
    expect((await withCookie('GET', '/api/auth/me', undefined, { cookie })).status).toBe(200);
    expect((await withCookie('POST', '/api/records/deal', { title: 'c' }, { cookie })).status).toBe(403);
    expect((await withCookie('POST', '/api/records/deal', { title: 'c' }, { cookie, 'x-csrf-token': csrfToken, origin: 'https://evil.example' })).status).toBe(403);
    expect((await withCookie('POST', '/api/records/deal', { title: 'c' }, { cookie, 'x-csrf-token': csrfToken, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await withCookie('POST', '/api/records/deal', { title: 'c' }, { cookie, 'x-csrf-token': csrfToken, origin: url })).status).toBe(201);
    expect((await withCookie('POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': csrfToken })).status).toBe(204);
    expect((await withCookie('GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
  });

  it('serves the studio routes to admins: history, plan, document, and refuses a bad document', async () => {
    expect((await a('GET', '/api/studio/entity/deal')).body.name).toBe('deal');
    expect((await a('GET', '/api/studio/history')).body.data.length).toBeGreaterThan(0);
    expect((await a('POST', '/api/studio/plan')).body.steps).toEqual([]);
    const bad = await a('PUT', '/api/studio/entity/deal', { kind: 'entity', name: 'deal', fields: { x: { type: 'nonsense' } } });
    expect(bad.status).toBe(400);
    expect((await a('GET', '/api/studio/gizmo/x')).status).toBe(404);
  });

  it('publishes an OpenAPI document for the tenant and a docs page', async () => {
    const doc = await a('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/api/records/deal']).toBeDefined();
    expect(doc.body.components.schemas.deal_input.required).toEqual(['title']);
    const page = await fetch(`${url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('exposes the effective metadata and the plugin list', async () => {
    const meta = await a('GET', '/api/meta');
    expect(Object.keys(meta.body.entities)).toEqual(expect.arrayContaining(['deal', 'team']));
    expect((await a('GET', '/api/plugins')).body.data.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['customers', 'products']));
  });
});
