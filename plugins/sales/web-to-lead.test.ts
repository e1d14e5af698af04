import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, signFormToken, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Web-Form-2026';
const MINUTE_AGO = () => new Date(Date.now() - 60_000);

/** The sales plugin's web_to_lead form at /api/public/<tenant>/forms/web_to_lead, over HTTP. */
describe('sales: the web_to_lead web form', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let url: string;
  let n = 0;
  const fresh = async (): Promise<{ tenant: Tenant; admin: ReturnType<typeof api>; token: () => Promise<string> }> => {
    n += 1;
    const slug = `wf_${n}`;
    const { tenant } = await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: ['sales'] }, { knex });
    const login = await api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD });
    return { tenant, admin: api(url, login.body.token), token: () => signFormToken(knex, { tenantId: tenant.id, form: 'web_to_lead', now: MINUTE_AGO() }) };
  };
  const leads = async (tenant: Tenant) => withTenant(knex, tenant, async (trx) => (await trx.raw('select company, contact_name, email, source, status, created_by from lead order by created_at')).rows);
  const post = (slug: string, body: string | object, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/public/${slug}/forms/web_to_lead`, {
      method: 'POST',
      headers: { 'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
  }, 600_000);
  afterAll(async () => close?.());

  it('draws a self-contained, escaped form in the asked language, with a token and a hidden honeypot', async () => {
    const { tenant } = await fresh();
    const en = await fetch(`${url}/api/public/${tenant.slug}/forms/web_to_lead`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/text\/html/);
    expect(en.headers.get('x-frame-options')).toBeNull();
    expect(en.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(en.headers.get('ratelimit-limit')).not.toBeNull();
    const html = await en.text();
    expect(html).toContain('<h1>Contact us</h1>');
    expect(html).toContain('name="company"');
    expect(html).toContain('name="website_url"');
    expect(html).toMatch(/name="_token" value="[\w.-]+"/);
    expect(html).not.toContain('<script');
    const zh = await (await fetch(`${url}/api/public/${tenant.slug}/forms/web_to_lead`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text();
    expect(zh).toContain('<h1>联系我们</h1>');
    expect(zh).toContain('lang="zh-CN"');
    const asked = await (await fetch(`${url}/api/public/${tenant.slug}/forms/web_to_lead?lang=zh-CN`)).text();
    expect(asked).toContain('您的姓名');
    const json = await api(url)('GET', `/api/public/${tenant.slug}/forms/web_to_lead`, undefined, { accept: 'application/json' });
    expect(json.status).toBe(200);
    expect(json.body.fields.map((f: { name: string }) => f.name)).toEqual(['contact_name', 'company', 'job_title', 'email', 'phone', 'description']);
    expect(typeof json.body.token).toBe('string');
    expect((await fetch(`${url}/api/public/${tenant.slug}/forms/no_such_form`)).status).toBe(404);
  });

  it('creates a lead as the form (source website, status new) from an HTML post and from JSON', async () => {
    const { tenant, token } = await fresh();
    const form = new URLSearchParams({ contact_name: 'Ann <b>Lee</b>', company: 'Acme & Co', email: 'ann@acme.test', website_url: '', _token: await token() });
    const res = await post(tenant.slug, form.toString(), { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you! We will be in touch soon.');
    const json = await post(tenant.slug, { contact_name: 'Bo Chen', company: 'Chen Ltd', phone: '+86 10 1234', _token: await token() });
    expect(json.status).toBe(201);
    expect(await json.json()).toEqual({ ok: true, message: { en: 'Thank you! We will be in touch soon.', 'zh-CN': '谢谢！我们会尽快与您联系。' } });
    const rows = await leads(tenant);
    expect(rows.map((r: any) => [r.company, r.contact_name, r.source, r.status])).toEqual([
      ['Acme & Co', 'Ann <b>Lee</b>', 'website', 'new'],
      ['Chen Ltd', 'Bo Chen', 'website', 'new'],
    ]);
  });

  it('answers a filled honeypot and a too-fast submit like a success and stores nothing', async () => {
    const { tenant, token } = await fresh();
    const trapped = await post(tenant.slug, { contact_name: 'Bot', company: 'Spam', email: 'bot@spam.test', website_url: 'http://spam.test', _token: await token() });
    expect(trapped.status).toBe(201);
    expect((await trapped.json()).ok).toBe(true);
    const justNow = await signFormToken(knex, { tenantId: tenant.id, form: 'web_to_lead' });
    const fast = await post(tenant.slug, { contact_name: 'Bot', company: 'Spam', email: 'bot@spam.test', _token: justNow });
    expect(fast.status).toBe(201);
    expect((await fast.json()).ok).toBe(true);
    expect(await leads(tenant)).toEqual([]);
  });

  it('refuses a missing or foreign token (422) and names failing fields (JSON) or marks them (HTML)', async () => {
    const { tenant, token } = await fresh();
    const other = await fresh();
    const none = await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', email: 'ann@acme.test' });
    expect(none.status).toBe(422);
    expect((await none.json()).code).toBe('FORM_EXPIRED');
    const foreign = await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', email: 'ann@acme.test', _token: await other.token() });
    expect(foreign.status).toBe(422);
    const missing = await post(tenant.slug, { company: 'Acme', email: 'ann@acme.test', _token: await token() });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await missing.json()).errors.map((e: { field: string }) => e.field)).toEqual(['contact_name']);
    // the lead's own rule: a phone or an e-mail
    const rule = await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', _token: await token() });
    expect(rule.status).toBe(400);
    expect((await rule.json()).errors.map((e: { field: string }) => e.field.replace(/^\//, ''))).toEqual(expect.arrayContaining(['phone', 'email']));
    const bad = await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', email: 'not an address', _token: await token() });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field.replace(/^\//, ''))).toContain('email');
    const html = await post(tenant.slug, new URLSearchParams({ company: '<i>Acme</i>', email: 'ann@acme.test', _token: await token() }).toString(), { accept: 'text/html', 'accept-language': 'zh-CN' });
    expect(html.status).toBe(400);
    const page = await html.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('value="&lt;i&gt;Acme&lt;/i&gt;"');
    expect(page).toContain('为必填项');
    expect(await leads(tenant)).toEqual([]);
  });

  it('answers 404 on every public path of a tenant whose admin switched them off, and again once on', async () => {
    const { tenant, admin, token } = await fresh();
    expect((await admin('GET', '/api/public-endpoints')).body).toEqual({ enabled: true });
    expect((await admin('PUT', '/api/public-endpoints', { enabled: 'no' })).status).toBe(400);
    expect((await admin('PUT', '/api/public-endpoints', { enabled: false })).body).toEqual({ enabled: false });
    for (const path of ['/forms/web_to_lead', '/x/sales/anything', '/payments/any/webhook']) {
      const res = await api(url)('GET', `/api/public/${tenant.slug}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', email: 'ann@acme.test', _token: await token() })).status).toBe(404);
    expect(await leads(tenant)).toEqual([]);
    await admin('PUT', '/api/public-endpoints', { enabled: true });
    expect((await post(tenant.slug, { contact_name: 'Ann', company: 'Acme', email: 'ann@acme.test', _token: await token() })).status).toBe(201);
    expect((await api(url)('GET', '/api/public/no_such_tenant/forms/web_to_lead')).status).toBe(404);
  });
});
