import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
const note = { kind: 'entity', name: 'note', label: label('Note'), titleField: 'text', fields: { text: { type: 'text' } } };
/** Finance people must sign in with two factors; clerks need not. */
const finance = { kind: 'role', name: 'finance', label: label('Finance'), requireTwoFactor: true, entities: { note: { create: true, read: 'all', update: 'own', delete: 'none' } } };
const clerk = { kind: 'role', name: 'clerk', label: label('Clerk'), entities: { note: { create: true, read: 'all', update: 'own', delete: 'none' } } };
const PASSWORD = 'Session-Pass-2026';
type Call = ReturnType<typeof api>;

/** Two-factor sign-in required by a role, and the sessions list with sign-out of each (issue 23). */
describe('two-factor required by a role; sessions', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'sess')).token);
    expect((await admin('PUT', '/api/studio/entity/note', note)).status).toBeLessThan(300);
    for (const doc of [finance, clerk]) expect((await admin('PUT', `/api/studio/role/${doc.name}`, doc)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    for (const [login, role] of [['fay', 'finance'], ['cole', 'clerk']]) {
      const res = await admin('POST', '/api/users', { email: `${login}@sess.test`, password: PASSWORD, name: login, roles: [role] });
      expect(res.status).toBe(201);
      ids[login] = res.body.id;
    }
  }, 600_000);
  afterAll(async () => server?.close());

  const signIn = (login: string, agent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0') =>
    api(url)('POST', '/api/auth/login', { tenant: 'sess', email: `${login}@sess.test`, password: PASSWORD }, { 'User-Agent': agent });

  it('sends a user of a role that requires two factors to enrolment, and lets them in once enrolled', async () => {
    const first = await signIn('fay');
    expect(first.status).toBe(200);
    expect(first.body.twoFactorEnrolmentRequired).toBe(true);
    const fay = api(url, first.body.token);
    const held = await fay('GET', '/api/records/note');
    expect(held.status).toBe(403);
    expect(held.body.code).toBe('FORBIDDEN');
    expect(held.body.detail).toContain('two-factor');
    expect((await fay('GET', '/api/meta')).status).toBe(403);
    expect((await fay('GET', '/api/auth/me')).body).toMatchObject({ twoFactorEnrolmentRequired: true });
    const setup = await fay('POST', '/api/auth/2fa/setup');
    expect(setup.status).toBe(200);
    expect((await fay('POST', '/api/auth/2fa/verify', { code: await codeAt(setup.body.secret, 0) })).status).toBe(200);
    // The same session is free now; the role keeps two factors on.
    expect((await fay('GET', '/api/records/note')).status).toBe(200);
    expect((await fay('GET', '/api/auth/me')).body.twoFactorEnrolmentRequired).toBeUndefined();
    const off = await fay('POST', '/api/auth/2fa/disable', { code: await codeAt(setup.body.secret, 1) });
    expect(off.status).toBe(409);
    expect(off.body.detail).toContain('role requires');
    // The next sign-in asks for the code as for anyone enrolled.
    expect((await signIn('fay')).body.code).toBe('TWO_FACTOR_REQUIRED');
    // A clerk is not held back.
    const cole = await signIn('cole');
    expect(cole.body.twoFactorEnrolmentRequired).toBeUndefined();
    expect((await api(url, cole.body.token)('GET', '/api/records/note')).status).toBe(200);
  });

  it('lists one\'s own active sessions with device and address, signs one out, and lets an admin sign a user out everywhere', async () => {
    const laptop = api(url, (await signIn('cole', 'Laptop-Agent/1.0')).body.token);
    const phone = api(url, (await signIn('cole', 'Phone-Agent/2.0')).body.token);
    const mine = (await laptop('GET', '/api/auth/sessions')).body.data as { id: string; userAgent: string; ip: string; current: boolean; lastSeenAt: string }[];
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const here = mine.find((s) => s.current)!;
    expect(here.userAgent).toBe('Laptop-Agent/1.0');
    expect(here.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    const onPhone = mine.find((s) => s.userAgent === 'Phone-Agent/2.0')!;
    expect((await laptop('DELETE', `/api/auth/sessions/${onPhone.id}`)).status).toBe(204);
    expect((await phone('GET', '/api/records/note')).status).toBe(401);
    const again = await laptop('DELETE', `/api/auth/sessions/${onPhone.id}`);
    expect(again.status, JSON.stringify(again.body)).toBe(404);
    // Someone else's session cannot be ended through one's own list.
    const fayToken = (await admin('GET', `/api/users/${ids.fay}/sessions`)).body.data[0]?.id;
    expect((await laptop('DELETE', `/api/auth/sessions/${fayToken ?? 'x'}`)).status).toBe(404);

    expect((await laptop('GET', `/api/users/${ids.cole}/sessions`)).status).toBe(403);
    const listed = await admin('GET', `/api/users/${ids.cole}/sessions`);
    expect((listed.body.data as { userAgent: string }[]).map((s) => s.userAgent)).toContain('Laptop-Agent/1.0');
    const forced = await admin('DELETE', `/api/users/${ids.cole}/sessions`);
    expect(forced.status).toBe(200);
    expect(forced.body.ended).toBeGreaterThanOrEqual(1);
    expect((await laptop('GET', '/api/records/note')).status).toBe(401);
    expect((await admin('GET', `/api/users/${ids.cole}/sessions`)).body.data).toEqual([]);
    expect((await admin('DELETE', '/api/users/00000000-0000-7000-8000-000000000000/sessions')).status).toBe(404);
  });

  it('shows a tenant admin the tenant\'s audit log, filtered by who, what and when, a page at a time, and no other tenant\'s', async () => {
    const all = await admin('GET', '/api/audit?limit=200');
    expect(all.status).toBe(200);
    const actions = (all.body.data as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'user.create', 'auth.two_factor_on', 'auth.session_revoked', 'auth.sessions_revoked']));
    const cole = await admin('GET', `/api/audit?actor=${ids.cole}&action=auth.`);
    expect(cole.body.data.length).toBeGreaterThan(0);
    for (const e of cole.body.data as { actorId: string; actorName: string; action: string; ip: string | null }[]) {
      expect(e).toMatchObject({ actorId: ids.cole, actorName: 'cole' });
      expect(e.action.startsWith('auth.')).toBe(true);
    }
    expect((cole.body.data as { action: string; ip: string | null }[]).find((e) => e.action === 'auth.login')?.ip).toMatch(/127\.0\.0\.1|::1/);
    const first = await admin('GET', '/api/audit?limit=2');
    const second = await admin('GET', `/api/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual(all.body.data.slice(2, 4).map((e: { id: string }) => e.id));
    expect((await admin('GET', `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.data).toEqual([]);
    const bad = await admin('GET', '/api/audit?actor=x&from=yesterday&limit=0');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['actor', 'from', 'limit']);
    const cole2 = await signIn('cole');
    expect((await api(url, cole2.body.token)('GET', '/api/audit')).status).toBe(403);
    const other = api(url, (await tenantWithAdmin(db, url, 'sess_other')).token);
    const theirs = (await other('GET', '/api/audit?limit=200')).body.data as { actorId: string | null }[];
    expect(theirs.some((e) => e.actorId === ids.cole || e.actorId === ids.fay)).toBe(false);
  });
});
