import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';
import { landingPageProblems, loadLandingPages } from './server/landing-pages.js';

const PASSWORD = 'Landing-Gate-2026';
const PLUGINS = ['customers', 'products', 'sales', 'service', 'portal'];

/** Campaign landing pages at /api/public/<tenant>/x/portal/landing/<page>, over HTTP. */
describe('portal: campaign landing pages', () => {
  let close: () => Promise<void>;
  let url: string;
  let knex: import('knex').Knex;
  let n = 0;

  const fresh = async () => {
    n += 1;
    const slug = `landing_${n}`;
    const { tenant } = await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: PLUGINS }, { knex });
    const signIn = () => api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD });
    const login = await signIn().catch(signIn);
    return { tenant, admin: api(url, login.body.token) };
  };
  const page = (slug: string) => `/api/public/${slug}/x/portal/landing/spring_launch`;
  const leads = (tenant: Tenant) =>
    withTenant(knex, tenant, async (trx) => (await trx.raw('select company, email, source, landing_page, owner_id from lead order by created_at')).rows as Record<string, unknown>[]);
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const v = await read();
      if (ok(v) || Date.now() > deadline) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    const started = await startTestServer({ workflows: true });
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
  }, 600_000);
  afterAll(async () => close?.());

  it('ships landing pages that fit the lead entity, in both languages', () => {
    const pages = loadLandingPages(new URL('./landing-pages/', import.meta.url));
    expect([...pages.keys()]).toContain('spring_launch');
    for (const doc of pages.values()) expect(landingPageProblems(doc)).toEqual([]);
    expect(landingPageProblems({ name: 'Bad Name', title: { en: 'x' }, blocks: [], form: { fields: [] } } as never)).toHaveLength(4);
  });

  it('describes the page in both languages with its form fields, and 404s an unknown page', async () => {
    const { tenant } = await fresh();
    const res = await api(url)('GET', page(tenant.slug));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).not.toBeNull();
    expect(res.body.title['zh-CN']).toBe('春季新品发布：让您的团队服务更智能');
    expect(res.body.blocks).toHaveLength(2);
    expect(res.body.form.fields.map((f: { name: string; required: boolean }) => [f.name, f.required])).toEqual([
      ['contact_name', true], ['company', true], ['email', true], ['phone', false], ['description', false],
    ]);
    expect(res.body.form.fields[1].label).toEqual({ en: 'Company', 'zh-CN': '公司名称' });
    expect((await api(url)('GET', `/api/public/${tenant.slug}/x/portal/landing/no_such_page`)).status).toBe(404);
    expect((await api(url)('GET', '/api/public/no_such_tenant/x/portal/landing/spring_launch')).status).toBe(404);
    const dicts = await api(url)('GET', `/api/public/${tenant.slug}/x/portal/dictionaries`);
    expect(dicts.status).toBe(200);
    expect(dicts.body.dictionaries.service_type.map((i: { value: string }) => i.value)).toContain('consultation');
  });

  it('creates a lead from the form, assigned in turn to an account manager, once per e-mail within the window', async () => {
    const { tenant, admin } = await fresh();
    const am = await admin('POST', '/api/users', { email: 'am@x.local', password: PASSWORD, name: 'Account Manager', roles: ['account_manager'] });
    expect(am.status).toBe(201);
    const sent = await api(url)('POST', page(tenant.slug), { contact_name: 'Lin Wei', company: 'Wei Trading', email: 'Lin@Wei.test', description: 'A demo, please' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toEqual({ ok: true, message: { en: 'Thank you! An account manager will call you soon.', 'zh-CN': '谢谢！客户经理会尽快与您联系。' } });
    const rows = await until(() => leads(tenant), (r) => r[0]?.owner_id === am.body.id);
    expect(rows).toEqual([{ company: 'Wei Trading', email: 'lin@wei.test', source: 'website', landing_page: 'spring_launch', owner_id: am.body.id }]);
    const again = await api(url)('POST', page(tenant.slug), { contact_name: 'Lin Wei', company: 'Wei Trading', email: 'lin@wei.test' });
    expect(again.body).toEqual(sent.body);
    const trap = await api(url)('POST', page(tenant.slug), { contact_name: 'Bot', company: 'Bots', email: 'bot@bots.test', website_url: 'http://spam.test' });
    expect(trap.body).toEqual(sent.body);
    expect(await leads(tenant)).toHaveLength(1);
  });

  it('refuses bad input with the failing fields and stores nothing', async () => {
    const { tenant } = await fresh();
    const missing = await api(url)('POST', page(tenant.slug), { contact_name: '  ', company: 'Acme' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contact_name', 'email']);
    const badEmail = await api(url)('POST', page(tenant.slug), { contact_name: 'Ann', company: 'Acme', email: 'not-an-address' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    const notObject = await api(url)('POST', page(tenant.slug), ['x']);
    expect(notObject.status).toBe(400);
    const unknown = await api(url)('POST', `/api/public/${tenant.slug}/x/portal/landing/nope`, { email: 'a@b.test' });
    expect(unknown.status).toBe(404);
    expect(await leads(tenant)).toEqual([]);
  });

  it('is closed when the tenant turns its public endpoints off', async () => {
    const { tenant, admin } = await fresh();
    expect((await admin('PUT', '/api/public-endpoints', { enabled: false })).status).toBe(200);
    const res = await api(url)('POST', page(tenant.slug), { contact_name: 'Ann', company: 'Acme', email: 'ann@acme.test' });
    expect(res.status).toBe(404);
    expect(await leads(tenant)).toEqual([]);
  });
});
