import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, smtpSink, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sturdy-Gate-2026';
const PORTAL_PASSWORD = 'Outside-Person-2026';
type Call = ReturnType<typeof api>;

/** People outside the company: invited from a contact, signed in to the portal, kept to their own company's rows and away from the staff API. */
describe('customers: portal users', () => {
  let close: () => Promise<void>;
  let url: string;
  let knex: import('knex').Knex;
  let n = 0;

  const scene = async () => {
    n += 1;
    const slug = `portal_${n}`;
    await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: ['customers'] }, { knex });
    const login = await api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD });
    const admin = api(url, login.body.token);
    const make = async (entity: string, data: object) => {
      const res = await admin('POST', `/api/records/${entity}`, data);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const a = await make('customer', { name: 'Alpha Ltd' });
    const b = await make('customer', { name: 'Beta Ltd' });
    const a1 = await make('contact', { customer: a, name: 'Ann Alpha', email: 'ann@alpha.test' });
    const a2 = await make('contact', { customer: a, name: 'Art Alpha' });
    const b1 = await make('contact', { customer: b, name: 'Bea Beta' });
    const invite = await admin('POST', '/api/portal-users', { entity: 'contact', id: a1, email: 'ann@alpha.test', name: 'Ann Alpha', role: 'portal_customer' });
    expect(invite.status).toBe(201);
    const accepted = await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token: invite.body.invitation.token, password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    const signIn = await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('ratelimit-limit')).not.toBeNull();
    return { slug, admin, staffToken: login.body.token as string, portal: api(url, signIn.body.token), portalToken: signIn.body.token as string, cookie: `crm_portal_session=${signIn.body.token}`, ids: { a, b, a1, a2, b1 }, invite: invite.body };
  };

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
  }, 600_000);
  afterAll(async () => close?.());

  it('invites from a contact (link in the answer), accepts once, and signs in only at the portal', async () => {
    const { slug, admin, invite, ids } = await scene();
    expect(invite.user).toMatchObject({ email: 'ann@alpha.test', role: 'portal_customer', linkedEntity: 'contact', linkedId: ids.a1, activated: false });
    expect(invite.invitation.link).toBe(`/portal/${slug}/accept?token=${invite.invitation.token}`);
    expect((await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token: invite.invitation.token, password: PORTAL_PASSWORD })).status).toBe(400);
    const wrongRole = await admin('POST', '/api/portal-users', { entity: 'contact', id: ids.a2, email: 'art@alpha.test', name: 'Art', role: 'sales_rep' });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
    const wrongEntity = await admin('POST', '/api/portal-users', { entity: 'customer', id: ids.a, email: 'x@alpha.test', name: 'X', role: 'portal_customer' });
    expect(wrongEntity.status).toBe(400);
    expect((await admin('POST', '/api/portal-users', { entity: 'contact', id: ids.a2, email: 'ANN@alpha.test', name: 'Again', role: 'portal_customer' })).status).toBe(409);
    // the portal password is no staff password, and a staff password is no portal password
    expect((await api(url)('POST', '/api/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD })).status).toBe(401);
    expect((await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD })).status).toBe(401);
    const list = await admin('GET', '/api/portal-users');
    expect(list.body.data.map((u: { email: string; activated: boolean }) => [u.email, u.activated])).toEqual([['ann@alpha.test', true]]);
  });

  it('never reaches the staff API with a portal token or cookie, and a staff token never reaches the portal', async () => {
    const { slug, portalToken, cookie, staffToken } = await scene();
    const staffPaths = ['/api/users', '/api/studio/entity/customer', '/api/records/customer', '/api/records/contact', '/api/meta', '/api/auth/me', '/api/plugins', '/api/portal-users', '/api/public-endpoints'];
    for (const path of staffPaths) {
      expect((await api(url, portalToken)('GET', path)).status, path).toBe(401);
      expect((await api(url)('GET', path, undefined, { cookie })).status, path).toBe(401);
      expect((await api(url)('GET', path, undefined, { cookie: `crm_session=${portalToken}` })).status, path).toBe(401);
    }
    expect((await api(url, portalToken)('POST', '/api/records/customer', { name: 'Sneaky' })).status).toBe(401);
    expect((await api(url, portalToken)('PUT', '/api/studio/entity/customer', {})).status).toBe(401);
    expect((await api(url, staffToken)('GET', '/api/portal/records/customer')).status).toBe(401);
    expect((await api(url, staffToken)('GET', '/api/portal/auth/me')).status).toBe(401);
    const me = await api(url, portalToken)('GET', '/api/portal/auth/me');
    expect(me.body.user).toMatchObject({ email: 'ann@alpha.test', role: 'portal_customer' });
    expect(me.body.tenant.slug).toBe(slug);
  });

  it('sees only its own company and its contacts, may change only its own phone, and nothing of entities its role does not grant', async () => {
    const { portal, ids } = await scene();
    const meta = await portal('GET', '/api/portal/meta');
    expect(Object.keys(meta.body.entities).sort()).toEqual(['contact', 'customer']);
    expect(meta.body.entities.customer.fields.credit_rating).toBeUndefined();
    expect(meta.body.entities.customer.access).toMatchObject({ create: false, update: false, delete: false });
    const customers = await portal('GET', '/api/portal/records/customer');
    expect(customers.status).toBe(200);
    expect(customers.body.data.map((c: { name: string }) => c.name)).toEqual(['Alpha Ltd']);
    expect(customers.body.data[0].credit_rating).toBeUndefined();
    expect((await portal('GET', `/api/portal/records/customer/${ids.b}`)).status).toBe(404);
    const contacts = await portal('GET', '/api/portal/records/contact?sort=name');
    expect(contacts.body.data.map((c: { name: string }) => c.name)).toEqual(['Ann Alpha', 'Art Alpha']);
    expect((await portal('GET', `/api/portal/records/contact/${ids.b1}`)).status).toBe(404);
    for (const entity of ['customer_loss', 'team', 'no_such_entity']) {
      const res = await portal('GET', `/api/portal/records/${entity}`);
      expect(res.status, entity).toBe(404);
    }
    const own = await portal('GET', `/api/portal/records/contact/${ids.a1}`);
    const changed = await portal('PATCH', `/api/portal/records/contact/${ids.a1}`, { phone: '+86 21 5555' }, { 'if-match': String(own.body.version) });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe('+86 21 5555');
    const renamed = await portal('PATCH', `/api/portal/records/contact/${ids.a1}`, { name: 'Someone else' }, { 'if-match': String(changed.body.version) });
    expect(renamed.status).toBe(403);
    const colleague = await portal('GET', `/api/portal/records/contact/${ids.a2}`);
    const other = await portal('PATCH', `/api/portal/records/contact/${ids.a2}`, { phone: '1' }, { 'if-match': String(colleague.body.version) });
    expect([403, 404]).toContain(other.status);
    expect((await portal('POST', '/api/portal/records/customer', { name: 'New Co' })).status).toBe(403);
  });

  it('e-mails the invitation and a password reset when mail is set up; the reset link sets a new password once', async () => {
    const { slug, admin, ids } = await scene();
    const sink = await smtpSink();
    const saved = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
    try {
      const invite = await admin('POST', '/api/portal-users', { entity: 'contact', id: ids.a2, email: 'art@alpha.test', name: 'Art Alpha', role: 'portal_customer' });
      expect(invite.body.invitation.mailed).toBe(true);
      const deadline = Date.now() + 10_000;
      while (sink.messages.length < 1 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      expect(sink.messages[0].subject).toContain('portal');
      expect(sink.messages[0].text).toContain(`${invite.body.invitation.link}`);
      expect((await api(url)('POST', '/api/portal/auth/password-reset', { tenant: slug, email: 'ann@alpha.test' })).status).toBe(202);
      while (sink.messages.length < 2 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      const token = /token=([\w-]+)/.exec(sink.messages[1].text ?? '')?.[1];
      expect(sink.messages[1].to).toMatchObject({ text: 'ann@alpha.test' });
      const fresh = 'Brand-New-Secret-2026';
      expect((await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token, password: fresh })).status).toBe(200);
      expect((await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token, password: fresh })).status).toBe(400);
      expect((await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD })).status).toBe(401);
      expect((await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: fresh })).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.CRM_SMTP_URL;
      else process.env.CRM_SMTP_URL = saved;
      await sink.close();
    }
  });

  it('ends with deactivation and sign-out; a reset request answers 202 for any address', async () => {
    const { slug, admin, portal, portalToken, cookie } = await scene();
    // a cookie write needs the CSRF token
    expect((await api(url)('POST', '/api/portal/auth/logout', undefined, { cookie })).status).toBe(403);
    for (const email of ['ann@alpha.test', 'nobody@alpha.test']) {
      const res = await api(url)('POST', '/api/portal/auth/password-reset', { tenant: slug, email });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: true });
    }
    const [user] = (await admin('GET', '/api/portal-users')).body.data;
    expect((await admin('DELETE', `/api/portal-users/${user.id}`)).status).toBe(204);
    expect((await portal('GET', '/api/portal/records/customer')).status).toBe(401);
    expect((await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD })).status).toBe(401);
    expect((await api(url, portalToken)('POST', '/api/portal/auth/logout')).status).toBe(401);
  });
});
