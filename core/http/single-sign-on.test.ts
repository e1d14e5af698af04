import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { startTestOidcProvider, type TestOidcProvider, type TestPerson } from '../security/sso/test-oidc-provider.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const note = { kind: 'entity', name: 'note', label: label('Note'), titleField: 'text', fields: { text: { type: 'text' } } };
const rights = { note: { create: true, read: 'all', update: 'own', delete: 'none' } };
const roles = [
  { kind: 'role', name: 'sales_rep', label: label('Sales rep'), entities: rights },
  { kind: 'role', name: 'viewer', label: label('Viewer'), entities: { note: { create: false, read: 'all', update: 'none', delete: 'none' } } },
  { kind: 'role', name: 'finance', label: label('Finance'), requireTwoFactor: true, entities: rights },
];
type Call = ReturnType<typeof api>;

/** A browser's cookies, per host (paths ignored: enough for one provider and one app). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = !value || attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /^max-age=0$/i.test(a.trim()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }
  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }
}

/** Where a browser lands: follows redirects (with cookies) until one leaves the API for a studio page. */
const browse = async (start: string, jar: CookieJar, app: string): Promise<URL> => {
  let url = start;
  for (let hop = 0; hop < 15; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.origin === new URL(app).origin && !next.pathname.startsWith('/api/')) return next;
    url = next.href;
  }
  throw new Error('too many redirects');
};

/** Single sign-on with OpenID Connect against a local provider (issue 23, item 5). */
describe('single sign-on with OpenID Connect', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  let idp: TestOidcProvider;

  const signIn = async (subject: string, person: TestPerson, returnTo = '/app/records/note') => {
    idp.signInAs(subject, person);
    const jar = new CookieJar();
    const landed = await browse(`${url}/api/auth/oidc/sso/start?returnTo=${encodeURIComponent(returnTo)}`, jar, url);
    return { landed, jar, session: jar.get(url, 'crm_session') };
  };

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'sso')).token);
    await tenantWithAdmin(db, url, 'sso_none');
    expect((await admin('PUT', '/api/studio/entity/note', note)).status).toBeLessThan(300);
    for (const doc of roles) expect((await admin('PUT', `/api/studio/role/${doc.name}`, doc)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    idp = await startTestOidcProvider([`${url}/api/auth/oidc/sso/callback`]);
    const saved = await admin('PUT', '/api/settings', {
      singleSignOn: { name: 'Acme ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: ['email', 'profile', 'groups'], roleClaim: 'groups', roleMap: { sales: ['sales_rep'], money: ['finance'] }, defaultRoles: ['viewer'] },
    });
    expect(saved.status).toBe(200);
  }, 600_000);
  afterAll(async () => {
    await idp?.close();
    await server?.close();
  });

  it('keeps the client secret write-only and tells the sign-in page the provider name', async () => {
    const read = await admin('GET', '/api/settings');
    expect(read.body.singleSignOn).toMatchObject({ name: 'Acme ID', clientId: idp.clientId, clientSecretSet: true });
    expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
    // Saving the entry again without the secret keeps the stored one.
    const { clientSecretSet: _set, ...again } = read.body.singleSignOn;
    const resaved = await admin('PUT', '/api/settings', { singleSignOn: again });
    expect(resaved.status).toBe(200);
    expect(resaved.body.singleSignOn.clientSecretSet).toBe(true);
    expect(JSON.stringify(resaved.body)).not.toContain(idp.clientSecret);
    expect((await api(url)('GET', '/api/auth/oidc/sso')).body).toEqual({ enabled: true, name: 'Acme ID' });
    expect((await api(url)('GET', '/api/auth/oidc/sso_none')).body).toEqual({ enabled: false });
    expect((await api(url)('GET', '/api/auth/oidc/nowhere')).body).toEqual({ enabled: false });
    const none = await api(url)('GET', '/api/auth/oidc/sso_none/start');
    expect(none.status).toBe(404);
    expect(none.body.detail).toContain('single sign-on');
  });

  it('makes a user just in time with the roles its groups map to and signs it in with a session', async () => {
    const { landed, session } = await signIn('alice-sub', { email: 'Alice@Example.test', email_verified: true, name: 'Alice Liddell', groups: ['sales', 'other'] });
    expect(landed.pathname).toBe('/app/records/note');
    expect(session).toBeTruthy();
    const me = await api(url, session)('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'alice@example.test', name: 'Alice Liddell', roles: ['sales_rep'], isAdmin: false });
    expect(me.body.via).toBe('bearer');
    expect((await api(url, session)('GET', '/api/records/note')).status).toBe(200);
    // No password: the password step refuses the account like any wrong password.
    expect((await api(url)('POST', '/api/auth/login', { tenant: 'sso', email: 'alice@example.test', password: 'anything-at-all-1' })).status).toBe(401);
    const log = await admin('GET', '/api/audit?action=auth.login&limit=5');
    expect(log.body.data.find((e: { actorId: string }) => e.actorId === me.body.user.id)?.details).toMatchObject({ via: 'oidc', issuer: idp.issuer });
    const created = await admin('GET', '/api/audit?action=user.create&limit=5');
    expect(created.body.data.some((e: { target: string; details: { via?: string } }) => e.target === me.body.user.id && e.details.via === 'oidc')).toBe(true);
  });

  it('signs an existing user in by e-mail and brings its roles in line with the mapped claims', async () => {
    const made = await admin('POST', '/api/users', { email: 'bob@example.test', password: 'Bobs-Password-2026', name: 'Bob', roles: ['sales_rep'] });
    expect(made.status).toBe(201);
    const { session } = await signIn('bob-sub', { email: 'bob@example.test', email_verified: true, name: 'Robert', groups: [] });
    const me = await api(url, session)('GET', '/api/auth/me');
    expect(me.body.user).toMatchObject({ id: made.body.id, name: 'Bob', roles: ['viewer'] });
    expect((await api(url, session)('POST', '/api/records/note', { text: 'not mine to write' })).status).toBe(403);
  });

  it('holds a person whose mapped role requires two factors to enrolment', async () => {
    const { landed, session } = await signIn('fay-sub', { email: 'fay@example.test', email_verified: true, groups: ['money'] });
    expect(landed.pathname).toBe('/enrol-two-factor');
    const fay = api(url, session);
    expect((await fay('GET', '/api/auth/me')).body).toMatchObject({ twoFactorEnrolmentRequired: true });
    expect((await fay('GET', '/api/records/note')).status).toBe(403);
  });

  it('refuses an unverified address, an unknown person when users are not made, and a callback it did not start', async () => {
    const unverified = await signIn('eve-sub', { email: 'eve@example.test', email_verified: false });
    expect(unverified.landed.pathname).toBe('/signin');
    expect(unverified.landed.searchParams.get('ssoError')).toBe('SSO_EMAIL_UNVERIFIED');
    expect(unverified.session).toBeUndefined();

    const current = await admin('GET', '/api/settings');
    const { clientSecretSet: _set, ...sso } = current.body.singleSignOn;
    expect((await admin('PUT', '/api/settings', { singleSignOn: { ...sso, createUsers: false } })).status).toBe(200);
    const stranger = await signIn('zed-sub', { email: 'zed@example.test', email_verified: true });
    expect(stranger.landed.searchParams.get('ssoError')).toBe('SSO_USER_UNKNOWN');
    // Known people still come in.
    expect((await signIn('alice-sub', { email: 'alice@example.test', email_verified: true, groups: ['sales'] })).session).toBeTruthy();
    expect((await admin('PUT', '/api/settings', { singleSignOn: sso })).status).toBe(200);

    // A code and state with no round-trip cookie (another browser, or forged) are refused.
    const forged = await fetch(`${url}/api/auth/oidc/sso/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(forged.status).toBe(302);
    expect(new URL(forged.headers.get('location')!).searchParams.get('ssoError')).toBe('SSO_STATE_INVALID');
    // The round-trip cookie of one start does not fit another state.
    const jar = new CookieJar();
    const start = await fetch(`${url}/api/auth/oidc/sso/start`, { redirect: 'manual' });
    jar.store(url, start);
    const swapped = await fetch(`${url}/api/auth/oidc/sso/callback?code=abc&state=not-the-state`, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    expect(new URL(swapped.headers.get('location')!).searchParams.get('ssoError')).toBe('SSO_SIGN_IN_FAILED');
    const failed = await admin('GET', '/api/audit?action=auth.login_failed&limit=20');
    expect(failed.body.data.some((e: { details: { via?: string } }) => e.details.via === 'oidc')).toBe(true);
  });

  it('knows a person by the provider\'s issuer and subject: a changed address still signs them in, an address given to another subject does not take the account', async () => {
    const first = await signIn('alice-sub', { email: 'alice@example.test', email_verified: true, groups: ['sales'] });
    const alice = (await api(url, first.session)('GET', '/api/auth/me')).body.user as { id: string; email: string };
    const [link] = await db.knex('crm_system.user_identities').where({ issuer: idp.issuer, subject: 'alice-sub' }).select('user_id', 'email');
    expect(link).toEqual({ user_id: alice.id, email: 'alice@example.test' });

    // The provider now gives Alice another address: she is still herself, her account unchanged.
    const moved = await signIn('alice-sub', { email: 'alice.liddell@example.test', email_verified: true, groups: ['sales'] });
    const again = (await api(url, moved.session)('GET', '/api/auth/me')).body.user as { id: string; email: string };
    expect(again).toMatchObject({ id: alice.id, email: 'alice@example.test' });
    expect(await db.knex('crm_system.user_identities').where({ subject: 'alice-sub' }).first('email')).toEqual({ email: 'alice.liddell@example.test' });
    expect(await db.knex('crm_system.users').whereRaw('lower(email) = ?', ['alice.liddell@example.test']).first()).toBeUndefined();

    // Her old address, given to someone else at the provider, does not sign that person in as Alice.
    const taker = await signIn('mallory-sub', { email: 'alice@example.test', email_verified: true, groups: ['sales'] });
    expect(taker.landed.pathname).toBe('/signin');
    expect(taker.landed.searchParams.get('ssoError')).toBe('SSO_IDENTITY_CONFLICT');
    expect(taker.session).toBeUndefined();
    expect(await db.knex('crm_system.user_identities').where({ subject: 'mallory-sub' }).first()).toBeUndefined();
    const conflict = await admin('GET', '/api/audit?action=auth.sso_identity_conflict');
    expect(conflict.body.data).toEqual([expect.objectContaining({ target: alice.id, details: expect.objectContaining({ issuer: idp.issuer, subject: 'mallory-sub', email: 'alice@example.test' }) })]);

    // Bob, made by the admin, was linked at his first sign-in (audited); his subject brings him in.
    const bob = await db.knex('crm_system.users').whereRaw('lower(email) = ?', ['bob@example.test']).first('id');
    expect(await db.knex('crm_system.user_identities').where({ user_id: bob.id }).pluck('subject')).toEqual(['bob-sub']);
    const linked = await admin('GET', '/api/audit?action=user.sso_linked');
    expect(linked.body.data.some((e: { target: string; details: { subject?: string } }) => e.target === bob.id && e.details.subject === 'bob-sub')).toBe(true);
    // A deactivated user's subject no longer comes in.
    expect((await admin('PATCH', `/api/users/${bob.id}`, { active: false })).status).toBe(200);
    expect((await signIn('bob-sub', { email: 'bob@example.test', email_verified: true })).landed.searchParams.get('ssoError')).toBe('SSO_USER_UNKNOWN');
  });

  it('never lands on another site', async () => {
    const { landed } = await signIn('alice-sub', { email: 'alice@example.test', email_verified: true, groups: ['sales'] }, '//evil.test/x');
    expect(landed.origin).toBe(new URL(url).origin);
    expect(landed.pathname).toBe('/app');
  });
});
