import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, smtpSink, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sturdy-Gate-2026';
const PORTAL_PASSWORD = 'Outside-Person-2026';

/** A contact registers for the portal themselves, and becomes a portal user once the e-mailed link is followed. */
describe('customers: portal self-registration', () => {
  let close: () => Promise<void>;
  let url: string;
  let knex: import('knex').Knex;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let savedSmtp: string | undefined;
  let n = 0;

  const scene = async () => {
    n += 1;
    const slug = `portal_reg_${n}`;
    await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: ['customers'] }, { knex });
    const admin = api(url, (await api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD })).body.token);
    const make = async (entity: string, data: object) => {
      const res = await admin('POST', `/api/records/${entity}`, data);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const a = await make('customer', { name: 'Alpha Ltd' });
    const b = await make('customer', { name: 'Beta Ltd' });
    const a1 = await make('contact', { customer: a, name: 'Ann Alpha', email: 'ann@alpha.test' });
    const b1 = await make('contact', { customer: b, name: 'Bea Beta', email: 'bea@beta.test' });
    return { slug, admin, ids: { a, b, a1, b1 } };
  };

  /** The messages sent to an address, waiting until at least `count` have arrived (or the deadline passes). */
  const mailTo = async (address: string, count: number) => {
    const deadline = Date.now() + 10_000;
    const mine = () => sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
    while (mine().length < count && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    return mine();
  };

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
    sink = await smtpSink();
    savedSmtp = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
  }, 600_000);
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.CRM_SMTP_URL;
    else process.env.CRM_SMTP_URL = savedSmtp;
    await sink?.close();
    await close?.();
  });

  it('registers a contact by e-mail, signs in only after the e-mailed link, with the contact\'s rights', async () => {
    const { slug, admin, ids } = await scene();
    const reg = await api(url)('POST', '/api/portal/auth/register', { tenant: slug, email: 'Ann@Alpha.test', password: PORTAL_PASSWORD });
    expect(reg.status).toBe(202);
    expect(reg.body).toEqual({ accepted: true });
    expect(reg.headers.get('ratelimit-limit')).not.toBeNull();
    const [message] = await mailTo('ann@alpha.test', 1);
    expect(message.subject).toContain('portal');
    expect(message.text).toContain('门户');
    const token = /verify\?token=([\w-]+)/.exec(message.text ?? '')?.[1];
    expect(token).toBeTruthy();
    // not before the address is verified
    expect((await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD })).status).toBe(401);
    // the verification token is no password link
    expect((await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token, password: 'Another-Secret-2026' })).status).toBe(400);
    const verified = await api(url)('POST', '/api/portal/auth/verify', { tenant: slug, token });
    expect(verified.status).toBe(200);
    expect(verified.body.token).toMatch(/^ps_/);
    const again = await api(url)('POST', '/api/portal/auth/verify', { tenant: slug, token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('PORTAL_VERIFICATION_INVALID');
    const signIn = await api(url)('POST', '/api/portal/auth/login', { tenant: slug, email: 'ann@alpha.test', password: PORTAL_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ role: 'portal_customer', linkedEntity: 'contact', linkedId: ids.a1, name: 'Ann Alpha', active: true });
    const portal = api(url, signIn.body.token);
    expect((await portal('GET', `/api/portal/records/customer/${ids.a}`)).status).toBe(200);
    expect((await portal('GET', `/api/portal/records/customer/${ids.b}`)).status).toBe(404);
    const listed = await admin('GET', '/api/portal-users');
    expect(listed.body.data.map((u: { email: string }) => u.email)).toEqual(['ann@alpha.test']);
  });

  it('answers 202 the same for unknown addresses, other tenants and repeats, and sends nothing then', async () => {
    const { slug } = await scene();
    const other = await scene();
    const before = sink.messages.length;
    for (const body of [
      { tenant: slug, email: 'nobody@alpha.test', password: PORTAL_PASSWORD },
      { tenant: other.slug, email: 'zed@alpha.test', password: PORTAL_PASSWORD },
      { tenant: 'no_such_tenant', email: 'ann@alpha.test', password: PORTAL_PASSWORD },
    ]) {
      const res = await api(url)('POST', '/api/portal/auth/register', body);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: true });
    }
    expect((await api(url)('POST', '/api/portal/auth/register', { tenant: slug, email: 'bea@beta.test', password: PORTAL_PASSWORD, name: 'Bea' })).status).toBe(202);
    expect(await mailTo('bea@beta.test', 1)).toHaveLength(1);
    // a second registration of the same address changes nothing and sends nothing
    expect((await api(url)('POST', '/api/portal/auth/register', { tenant: slug, email: 'bea@beta.test', password: 'Different-Secret-2026' })).status).toBe(202);
    expect((await api(url)('POST', '/api/portal/auth/password-reset', { tenant: slug, email: 'nobody@alpha.test' })).status).toBe(202);
    expect(sink.messages.length - before).toBe(1);
    const rows = await knex('crm_system.portal_users').whereRaw('lower(email) in (?, ?)', ['nobody@alpha.test', 'zed@alpha.test']);
    expect(rows).toEqual([]);
  });

  it('refuses bad input with the failing fields, and an unknown token', async () => {
    const { slug } = await scene();
    const weak = await api(url)('POST', '/api/portal/auth/register', { tenant: slug, email: 'ann@alpha.test', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    const missing = await api(url)('POST', '/api/portal/auth/register', { tenant: slug });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    const notEmail = await api(url)('POST', '/api/portal/auth/register', { tenant: slug, email: 'not-an-address', password: PORTAL_PASSWORD });
    expect(notEmail.status).toBe(400);
    expect(notEmail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    const bogus = await api(url)('POST', '/api/portal/auth/verify', { tenant: slug, token: 'pt_nonsense' });
    expect(bogus.status).toBe(400);
    expect(bogus.body.code).toBe('PORTAL_VERIFICATION_INVALID');
    const tenantId = knex('crm_system.tenants').where({ slug }).select('id');
    expect(await knex('crm_system.portal_users').whereIn('tenant_id', tenantId)).toEqual([]);
  });
});
