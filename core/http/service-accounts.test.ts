import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, serveApp, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const entity = (name: string) => ({ kind: 'entity', name, label: label(name), titleField: 'title', fields: { title: { type: 'text', required: true } } });
const everything = { create: true, read: 'all', update: 'all', delete: 'all' };
const integration = { kind: 'role', name: 'integration', label: label('Integration'), entities: { memo: everything, note: everything } };

describe('service accounts and rate limits', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let slugs = 0;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  /** A fresh tenant with two entities, a role for machines, and its admin. */
  const tenant = async () => {
    const slug = `sa_${(slugs += 1)}`;
    const made = await tenantWithAdmin(db, url, slug);
    const admin = api(url, made.token);
    for (const name of ['memo', 'note']) expect((await admin('PUT', `/api/studio/entity/${name}`, entity(name))).status).toBe(200);
    expect((await admin('PUT', '/api/studio/role/integration', integration)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    return { ...made, slug, admin };
  };

  /** A service account with one key; `with` overrides name, roles, write scope, expiry. */
  const account = async (admin: ReturnType<typeof api>, withValues: Record<string, unknown> = {}) => {
    const made = await admin('POST', '/api/service-accounts', { name: 'Order sync', roles: ['integration'], ...withValues });
    expect(made.status).toBe(201);
    const key = await admin('POST', `/api/service-accounts/${made.body.id}/keys`, { name: 'production' });
    expect(key.status).toBe(201);
    return { id: made.body.id as string, key: key.body.key as string, keyId: key.body.id as string };
  };

  const withKey = (key: string, base = url) => (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => api(base)(method, path, body, { 'X-API-Key': key, ...headers });

  it('lets tenant admins create, list and change service accounts, and issue keys shown once', async () => {
    const { admin, tenant: t } = await tenant();
    const bad = await admin('POST', '/api/service-accounts', { name: '', roles: 'integration', writeScope: 'some', expiresAt: '2000-01-01T00:00:00Z', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'expiresAt', 'name', 'roles', 'writeScope']);
    const { id, key, keyId } = await account(admin, { writeScope: ['memo'], expiresAt: '2099-01-01T00:00:00Z' });
    expect(key).toMatch(/^crmk_/);
    expect((await admin('POST', '/api/service-accounts', { name: 'order SYNC' })).status).toBe(409);
    const listed = await admin('GET', '/api/service-accounts');
    expect(listed.body.data).toEqual([expect.objectContaining({ id, name: 'Order sync', roles: ['integration'], writeScope: ['memo'], expiresAt: '2099-01-01T00:00:00.000Z', expired: false, active: true })]);
    const keys = await admin('GET', `/api/service-accounts/${id}/keys`);
    expect(keys.body.data).toEqual([expect.objectContaining({ id: keyId, name: 'production', revokedAt: null })]);
    expect(JSON.stringify(keys.body)).not.toContain(key);
    // It is not a person: not among the users, and it cannot sign in or mint keys of its own.
    expect((await admin('GET', '/api/users')).body.data.map((u: { id: string }) => u.id)).not.toContain(id);
    expect((await withKey(key)('POST', '/api/api-keys', { name: 'more' })).status).toBe(403);
    expect((await withKey(key)('GET', '/api/service-accounts')).status).toBe(403);
    const changed = await admin('PATCH', `/api/service-accounts/${id}`, { name: 'Order sync v2', writeScope: 'all', expiresAt: null });
    expect(changed.body).toMatchObject({ name: 'Order sync v2', writeScope: 'all', expiresAt: null });
    expect((await admin('PATCH', `/api/service-accounts/${id}`, { writeScope: [] })).status).toBe(400);
    expect((await admin('PATCH', '/api/service-accounts/00000000-0000-7000-8000-000000000000', { name: 'x' })).status).toBe(404);
    const actions = await db.knex('crm_system.audit_log').where({ tenant_id: t.id, target: id }).orderBy('id').pluck('action');
    expect(actions).toEqual(['service_account.create', 'service_account.key_issue', 'service_account.update']);
    // Non-admins may not manage them.
    await admin('POST', '/api/users', { email: 'clerk@sa.test', password: ADMIN_PASSWORD, name: 'Clerk' });
    const clerk = (await api(url)('POST', '/api/auth/login', { tenant: t.slug, email: 'clerk@sa.test', password: ADMIN_PASSWORD })).body.token as string;
    expect((await api(url, clerk)('GET', '/api/service-accounts')).status).toBe(403);
    expect((await api(url, clerk)('POST', `/api/service-accounts/${id}/keys`, {})).status).toBe(403);
  });

  it('takes its key as a bearer token or in X-API-Key, and history names it', async () => {
    const { admin } = await tenant();
    const { id, key } = await account(admin);
    const bearer = api(url, key);
    const me = await bearer('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('Order sync');
    const made = await withKey(key)('POST', '/api/records/memo', { title: 'From the shop' });
    expect(made.status).toBe(201);
    expect(made.body.created_by ?? made.body.owner_id).toBe(id);
    expect((await bearer('PATCH', `/api/records/memo/${made.body.id}`, { title: 'Paid' }, { 'If-Match': '1' })).status).toBe(200);
    const history = await admin('GET', `/api/records/memo/${made.body.id}/history`);
    expect(history.body.data.map((e: { actorId: string; actorName: string; actorKind: string }) => [e.actorId, e.actorName, e.actorKind])).toEqual([
      [id, 'Order sync', 'service'],
      [id, 'Order sync', 'service'],
    ]);
  });

  it('refuses an expired account with its own 401, a disabled one and a revoked key', async () => {
    const { admin } = await tenant();
    const { id, key, keyId } = await account(admin, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const client = withKey(key);
    expect((await client('GET', '/api/records/memo')).status).toBe(200);
    await db.knex('crm_system.users').where({ id }).update({ expires_at: new Date(Date.now() - 1000) });
    for (const path of ['/api/records/memo', '/api/auth/me']) {
      const refused = await client('GET', path);
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toMatch(/^The service account “Order sync” expired on /);
      expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    }
    expect((await admin('GET', '/api/service-accounts')).body.data[0].expired).toBe(true);
    expect((await admin('PATCH', `/api/service-accounts/${id}`, { expiresAt: null })).status).toBe(200);
    expect((await client('GET', '/api/records/memo')).status).toBe(200);
    expect((await admin('PATCH', `/api/service-accounts/${id}`, { active: false })).body.active).toBe(false);
    expect((await client('GET', '/api/records/memo')).body.code).toBe('UNAUTHORIZED');
    expect((await admin('POST', `/api/service-accounts/${id}/keys`, {})).status).toBe(409);
    await admin('PATCH', `/api/service-accounts/${id}`, { active: true });
    expect((await client('GET', '/api/records/memo')).status).toBe(200);
    expect((await admin('DELETE', `/api/service-accounts/${id}/keys/${keyId}`)).status).toBe(204);
    const revoked = await client('GET', '/api/records/memo');
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toBe('This API key is not valid: it is unknown, revoked or expired.');
    expect((await admin('DELETE', `/api/service-accounts/${id}/keys/${keyId}`)).status).toBe(404);
  });

  it('enforces the write scope: listed entities only, or read only', async () => {
    const { admin } = await tenant();
    const note = (await admin('POST', '/api/records/note', { title: 'Kept' })).body;
    const { id, key } = await account(admin, { writeScope: ['memo'] });
    const client = withKey(key);
    expect((await client('POST', '/api/records/memo', { title: 'Allowed' })).status).toBe(201);
    expect((await client('GET', `/api/records/note/${note.id}`)).status).toBe(200);
    const outside = await client('POST', '/api/records/note', { title: 'Refused' });
    expect(outside.status).toBe(403);
    expect(outside.headers.get('content-type')).toContain('application/problem+json');
    expect(outside.body).toMatchObject({ code: 'FORBIDDEN', detail: 'This service account may not write note records (outside its write scope).' });
    expect((await client('PATCH', `/api/records/note/${note.id}`, { title: 'Changed' }, { 'If-Match': '1' })).status).toBe(403);
    expect((await client('DELETE', `/api/records/note/${note.id}`)).status).toBe(403);
    const batch = await client('POST', '/api/records/note/batch', { items: [{ op: 'create', data: { title: 'Batch' } }] });
    expect(batch.body.results[0]).toMatchObject({ status: 403, problem: { code: 'FORBIDDEN' } });
    // Read only, at once (a remembered sign-in is re-checked).
    await admin('PATCH', `/api/service-accounts/${id}`, { writeScope: 'none' });
    const readOnly = await client('POST', '/api/records/memo', { title: 'No' });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.detail).toBe('This service account may only read.');
    expect((await client('GET', '/api/records/memo')).body.data).toHaveLength(1);
    expect((await admin('GET', '/api/records/note?limit=50')).body.data.map((r: { title: string }) => r.title)).toEqual(['Kept']);
  });

  it('limits a key per minute and the tenant’s keys together, with RateLimit headers and 429 + Retry-After', async () => {
    const { admin, token } = await tenant();
    const limited = await serveApp(db, { config: { rateLimits: { perKey: 3, perTenant: 5 } } });
    try {
      const one = await account(admin);
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i += 1) {
        last = await withKey(one.key, limited.url)('GET', '/api/records/memo');
        statuses.push(last.status);
        if (i === 0) {
          expect(last.headers.get('ratelimit-limit')).toBe('3');
          expect(last.headers.get('ratelimit-remaining')).toBe('2');
          expect(Number(last.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last!.headers.get('content-type')).toContain('application/problem+json');
      expect(last!.body.code).toBe('TOO_MANY_REQUESTS');
      expect(last!.body.detail).toMatch(/^This API key made more than 3 requests this minute/);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('ratelimit-remaining')).toBe('0');
      // The bearer header counts the same key.
      expect((await api(limited.url, one.key)('GET', '/api/records/memo')).status).toBe(429);
      // Another key of the tenant has its own count, but the tenant's is nearly used up.
      const other = await admin('POST', `/api/service-accounts/${one.id}/keys`, {});
      const second = await withKey(other.body.key, limited.url)('GET', '/api/records/memo');
      expect(second.status).toBe(429);
      expect(second.body.detail).toMatch(/^The API keys of this tenant made more than 5 requests/);
      // People signed in with a session are not counted.
      const mine = await api(limited.url, token)('GET', '/api/records/memo');
      expect(mine.status).toBe(200);
      expect(mine.headers.get('ratelimit-limit')).toBeNull();
    } finally {
      await limited.close();
    }
  });

  it('limits anonymous public routes per address', async () => {
    const { slug } = await tenant();
    const limited = await serveApp(db, { config: { trustProxy: true, rateLimits: { perAddress: 2 } } });
    try {
      const from = (ip: string) => api(limited.url)('GET', `/api/public/${slug}/x/nothing/here`, undefined, { 'X-Forwarded-For': ip });
      const first = await from('203.0.113.7');
      expect(first.status).toBe(404);
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      expect((await from('203.0.113.7')).status).toBe(404);
      const refused = await from('203.0.113.7');
      expect(refused.status).toBe(429);
      expect(refused.body.detail).toMatch(/^Too many requests from your address/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address, or another tenant's page from it, is counted on its own address.
      expect((await from('203.0.113.8')).status).toBe(404);
      expect((await api(limited.url)('GET', '/api/public/other/x/p/q', undefined, { 'X-Forwarded-For': '203.0.113.7' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
