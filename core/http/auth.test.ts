import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from './test-server.js';

const USER_PASSWORD = 'Plain-user-2026';

describe('authentication over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: ReturnType<typeof api>;
  let tenantId: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const t = await tenantWithAdmin(db, url, 'auth_a');
    tenantId = t.tenant.id;
    admin = api(url, t.token);
  });
  afterAll(async () => server?.close());

  const login = (email: string, password: string, tenant = 'auth_a', ip?: string) =>
    api(url)('POST', '/api/auth/login', { tenant, email, password }, ip ? { 'x-forwarded-for': ip } : {});

  it('lets admins add users, with every failing field named, and refuses non-admins', async () => {
    const weak = await admin('POST', '/api/users', { email: 'not-an-email', password: 'short', name: '' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password']);
    const made = await admin('POST', '/api/users', { email: 'Li.Lei@auth_a.test', password: USER_PASSWORD, name: '李雷', roles: ['account_manager'] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ email: 'li.lei@auth_a.test', name: '李雷', isAdmin: false, roles: ['account_manager'] });
    expect(JSON.stringify(made.body)).not.toContain('argon2');
    expect((await admin('POST', '/api/users', { email: 'li.lei@auth_a.test', password: USER_PASSWORD, name: 'again' })).status).toBe(409);
    const user = api(url, (await login('li.lei@auth_a.test', USER_PASSWORD)).body.token);
    expect((await user('GET', '/api/auth/me')).body.user.name).toBe('李雷');
    expect((await user('POST', '/api/users', { email: 'x@auth_a.test', password: USER_PASSWORD, name: 'x' })).status).toBe(403);
    expect((await user('GET', '/api/studio/history')).status).toBe(403);
    const hash = await db.knex('crm_system.users').where({ email: 'li.lei@auth_a.test' }).first('password_hash');
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('throttles repeated failures per account with 429, and audits them', async () => {
    await admin('POST', '/api/users', { email: 'target@auth_a.test', password: USER_PASSWORD, name: 'Target' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await login('target@auth_a.test', 'Wrong-password-1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await login('target@auth_a.test', USER_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const failures = await db.knex('crm_system.audit_log').where({ tenant_id: tenantId, action: 'auth.login_failed' }).count<{ count: string }[]>('* as count');
    expect(Number(failures[0].count)).toBeGreaterThanOrEqual(5);
  });

  it('ends a session on logout and after it expires', async () => {
    const s1 = (await login('admin@auth_a.test', ADMIN_PASSWORD)).body.token as string;
    const one = api(url, s1);
    expect((await one('GET', '/api/auth/me')).status).toBe(200);
    expect((await one('POST', '/api/auth/logout')).status).toBe(204);
    expect((await one('GET', '/api/auth/me')).status).toBe(401);
    const s2 = (await login('admin@auth_a.test', ADMIN_PASSWORD)).body.token as string;
    await db.knex('crm_system.sessions').update({ expires_at: new Date(Date.now() - 1000) }).whereRaw('expires_at > now()').andWhere({ tenant_id: tenantId });
    const expired = await api(url, s2)('GET', '/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/sign in again/i);
    expect((await api(url, 's_forged')('GET', '/api/auth/me')).status).toBe(401);
  });

  it('issues named API keys, honours a read-only scope and stops a revoked key', async () => {
    const token = (await login('admin@auth_a.test', ADMIN_PASSWORD)).body.token as string;
    const me = api(url, token);
    expect((await me('POST', '/api/api-keys', { name: '' })).status).toBe(400);
    const full = await me('POST', '/api/api-keys', { name: 'integration' });
    expect(full.status).toBe(201);
    expect(full.body.key).toMatch(/^crmk_/);
    const reader = await me('POST', '/api/api-keys', { name: 'reporting', scopes: ['read'] });
    const stored = await db.knex('crm_system.api_keys').where({ id: full.body.id }).first();
    expect(stored.key_hash).not.toContain(full.body.key);
    expect((await api(url, full.body.key)('GET', '/api/auth/me')).body.via).toBe('api_key');
    expect((await api(url, reader.body.key)('GET', '/api/meta')).status).toBe(200);
    expect((await api(url, reader.body.key)('PUT', '/api/studio/entity/x', { kind: 'entity', name: 'x', fields: {} })).status).toBe(403);
    const listed = await me('GET', '/api/api-keys');
    expect(listed.body.data.map((k: { name: string }) => k.name)).toEqual(['integration', 'reporting']);
    expect(JSON.stringify(listed.body)).not.toContain(full.body.key);
    // Machine clients may send the key as X-API-Key.
    const viaHeader = await api(url)('GET', '/api/auth/me', undefined, { 'x-api-key': full.body.key });
    expect([viaHeader.status, viaHeader.body.via]).toEqual([200, 'api_key']);
    expect((await me('DELETE', `/api/api-keys/${full.body.id}`)).status).toBe(204);
    for (const send of [api(url, full.body.key), (m: string, p: string) => api(url)(m, p, undefined, { 'x-api-key': full.body.key })]) {
      const refused = await send('GET', '/api/auth/me');
      expect([refused.status, refused.body.code, refused.body.detail]).toEqual([401, 'UNAUTHORIZED', 'This API key is not valid: it is unknown, revoked or expired.']);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="crm", error="invalid_token"');
    }
    expect((await api(url)('GET', '/api/auth/me')).headers.get('www-authenticate')).toBe('Bearer realm="crm"');
    expect((await me('DELETE', `/api/api-keys/${full.body.id}`)).status).toBe(404);
  });

  it('does not accept an API key as a session cookie', async () => {
    const token = (await login('admin@auth_a.test', ADMIN_PASSWORD)).body.token as string;
    const key = (await api(url, token)('POST', '/api/api-keys', { name: 'cookie-test' })).body.key as string;
    expect((await api(url)('GET', '/api/auth/me', undefined, { cookie: `crm_session=${key}` })).status).toBe(401);
  });

  it('lets admins change users: roles and team (audited, mirrored), deactivation ends sessions, no self-lockout', async () => {
    const admin = api(url, (await login('admin@auth_a.test', ADMIN_PASSWORD)).body.token);
    const made = await admin('POST', '/api/users', { email: 'han.meimei@auth_a.test', password: USER_PASSWORD, name: '韩梅梅' });
    const token = (await login('han.meimei@auth_a.test', USER_PASSWORD)).body.token as string;
    const bad = await admin('PATCH', `/api/users/${made.body.id}`, { roles: 'boss', isAdmin: 'yes', email: 'x@y.z' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'isAdmin', 'roles']);
    const changed = await admin('PATCH', `/api/users/${made.body.id}`, { roles: ['sales_director'], team: 'north' });
    expect(changed.body).toMatchObject({ roles: ['sales_director'], team: 'north' });
    const mirrored = await db.knex.raw(`select team from t_auth_a._users where id = ?`, [made.body.id]);
    expect(mirrored.rows[0].team).toBe('north');
    const audited = await db.knex('crm_system.audit_log').where({ action: 'user.update', target: made.body.id }).first();
    expect(audited.details.roles).toEqual([[], ['sales_director']]);
    expect((await api(url, token)('PATCH', `/api/users/${made.body.id}`, { roles: [] })).status).toBe(403);
    expect((await admin('PATCH', `/api/users/${made.body.id}`, { active: false })).status).toBe(200);
    expect((await api(url, token)('GET', '/api/auth/me')).status).toBe(401);
    expect((await login('han.meimei@auth_a.test', USER_PASSWORD)).status).toBe(401);
    const me = (await admin('GET', '/api/auth/me')).body.user.id;
    expect((await admin('PATCH', `/api/users/${me}`, { isAdmin: false })).status).toBe(409);
    expect((await admin('PATCH', '/api/users/not-a-user', { name: 'x' })).status).toBe(404);
  });
});
