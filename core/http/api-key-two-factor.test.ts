import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const note = { kind: 'entity', name: 'note', label: label('Note'), titleField: 'text', fields: { text: { type: 'text' } } };
const rights = { note: { create: true, read: 'all', update: 'own', delete: 'none' } };
const finance = { kind: 'role', name: 'finance', label: label('Finance'), requireTwoFactor: true, entities: rights };
const clerk = { kind: 'role', name: 'clerk', label: label('Clerk'), entities: rights };
const PASSWORD = 'Keyed-Pass-2026';
type Call = ReturnType<typeof api>;

/** API keys and a role's required two factors (issue 23): a person's key is no way around them; a service account's key is its own credential. */
describe('API keys of people whose role requires two factors', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'keys2fa')).token);
    expect((await admin('PUT', '/api/studio/entity/note', note)).status).toBeLessThan(300);
    for (const doc of [finance, clerk]) expect((await admin('PUT', `/api/studio/role/${doc.name}`, doc)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
  }, 600_000);
  afterAll(async () => server?.close());

  const signIn = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'keys2fa', email, password: PASSWORD })).body;

  it("refuses a person's key while their role requires two factors they lack, and takes it again once they enrol", async () => {
    const made = await admin('POST', '/api/users', { email: 'cole@keys2fa.test', password: PASSWORD, name: 'Cole', roles: ['clerk'] });
    expect(made.status).toBe(201);
    const session = await signIn('cole@keys2fa.test');
    const key = await api(url, session.token)('POST', '/api/api-keys', { name: 'scripts' });
    expect(key.status).toBe(201);
    const withKey = api(url, key.body.key);
    expect((await withKey('GET', '/api/records/note')).status).toBe(200);

    expect((await admin('PATCH', `/api/users/${made.body.id}`, { roles: ['finance'] })).status).toBe(200);
    const held = await withKey('GET', '/api/records/note');
    expect(held.status).toBe(403);
    expect(held.body.code).toBe('FORBIDDEN');
    expect(held.body.detail).toContain('two-factor');
    expect((await api(url)('GET', '/api/records/note', undefined, { 'X-API-Key': key.body.key })).status).toBe(403);

    const enrolling = await signIn('cole@keys2fa.test');
    expect(enrolling.twoFactorEnrolmentRequired).toBe(true);
    const cole = api(url, enrolling.token);
    const setup = await cole('POST', '/api/auth/2fa/setup');
    expect(setup.status).toBe(200);
    expect((await cole('POST', '/api/auth/2fa/verify', { code: await generate({ secret: setup.body.secret }) })).status).toBe(200);
    expect((await withKey('GET', '/api/records/note')).status).toBe(200);
  });

  it("lets a service account's key work under a role that requires two factors", async () => {
    const account = await admin('POST', '/api/service-accounts', { name: 'Ledger sync', roles: ['finance'] });
    expect(account.status).toBe(201);
    const key = await admin('POST', `/api/service-accounts/${account.body.id}/keys`, { name: 'production' });
    expect(key.status).toBe(201);
    expect((await api(url, key.body.key)('GET', '/api/records/note')).status).toBe(200);
  });
});
