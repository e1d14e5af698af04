import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, checkPluginMetadata, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sturdy-Gate-2026';
const PORTAL_PASSWORD = 'Outside-Person-2026';
const PLUGINS = ['customers', 'products', 'sales', 'service', 'portal'];

/** The self-service portal over HTTP: portal access from a contact, the company's own records only, service requests and the survey. */
describe('portal: self-service for a customer contact', () => {
  let close: () => Promise<void>;
  let url: string;
  let knex: import('knex').Knex;
  let n = 0;

  const scene = async () => {
    n += 1;
    const slug = `portal_p${n}`;
    await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: PLUGINS }, { knex });
    // a keep-alive socket the server closed while the tenant was provisioned may be reset once
    const signIn = () => api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD });
    const login = await signIn().catch(signIn);
    const admin = api(url, login.body.token);
    const make = async (entity: string, data: object) => {
      const res = await admin('POST', `/api/records/${entity}`, data);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const a = await make('customer', { name: 'Alpha Ltd' });
    const b = await make('customer', { name: 'Beta Ltd' });
    const a1 = await make('contact', { customer: a, name: 'Ann Alpha', email: 'ann@alpha.test' });
    const b1 = await make('contact', { customer: b, name: 'Bea Beta', email: 'bea@beta.test' });
    const orderA = await make('sales_order', { customer: a, order_date: '2026-11-02' });
    await make('sales_order', { customer: b, order_date: '2026-11-03' });
    await make('service_contract', { customer: a, title: 'Alpha maintenance', start_date: '2026-01-01', end_date: '2027-01-01' });
    await make('service_contract', { customer: b, title: 'Beta maintenance', start_date: '2026-01-01', end_date: '2027-06-30' });
    await make('solution', { title: 'Reset the controller', type: 'consultation', problem: 'Q', answer: 'Hold the button.', published: true, portal_visible: true });
    await make('solution', { title: 'Internal wiring notes', type: 'consultation', problem: 'Q', answer: 'Staff only.', published: true });
    await make('solution', { title: 'Draft answer', type: 'consultation', problem: 'Q', answer: 'Not yet.', published: false, portal_visible: true });
    const caseB = await make('service_case', { customer: b, contact: b1, subject: 'Beta printer jam', type: 'consultation', priority: 'normal' });
    const invite = await admin('POST', `/api/records/contact/${a1}/actions/portal_access`, {});
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const accepted = await api(url)('POST', '/api/portal/auth/accept', { tenant: slug, token: new URL(invite.body.invitation.link, url).searchParams.get('token'), password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    const portal = api(url, accepted.body.token);
    return { slug, admin, adminToken: login.body.token as string, portal, portalToken: accepted.body.token as string, ids: { a, b, a1, b1, orderA, caseB }, invite: invite.body };
  };

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
  }, 600_000);
  afterAll(async () => close?.());

  it('ships metadata that passes the check', async () => {
    expect(await checkPluginMetadata('portal')).toEqual([]);
  });

  it('gives a contact portal access from the staff side (core invitation), once, and only with an e-mail address', async () => {
    const { slug, admin, invite, ids } = await scene();
    expect(invite.user).toMatchObject({ email: 'ann@alpha.test', role: 'portal_customer', linkedEntity: 'contact', linkedId: ids.a1 });
    expect(invite.invitation.link).toMatch(new RegExp(`^/portal/${slug}/accept\\?token=pt_`));
    expect(invite.invitation.mailed).toBe(false);
    expect((await admin('POST', `/api/records/contact/${ids.a1}/actions/portal_access`, {})).status).toBe(409);
    const noMail = await admin('POST', '/api/records/contact', { customer: ids.b, name: 'No Mail' });
    const refused = await admin('POST', `/api/records/contact/${noMail.body.id}/actions/portal_access`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    const users = await admin('GET', '/api/portal-users');
    expect(users.body.data.map((u: { email: string }) => u.email)).toEqual(['ann@alpha.test']);
    const meta = await admin('GET', '/api/meta');
    expect(JSON.stringify(meta.body)).toContain('portal_access');
  });

  it("shows only the own company's orders, contracts and the public FAQ", async () => {
    const { portal, ids } = await scene();
    const meta = await portal('GET', '/api/portal/meta');
    expect(Object.keys(meta.body.entities).sort()).toEqual(['contact', 'customer', 'sales_order', 'service_case', 'service_contract', 'solution']);
    expect(meta.body.entities.sales_order.fields.commission).toBeUndefined();
    const orders = await portal('GET', '/api/portal/records/sales_order');
    expect(orders.body.data.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([[ids.orderA, 'new']]);
    const contracts = await portal('GET', '/api/portal/records/service_contract');
    expect(contracts.body.data.map((c: { title: string; end_date: string }) => [c.title, c.end_date])).toEqual([['Alpha maintenance', '2027-01-01']]);
    const faq = await portal('GET', '/api/portal/records/solution');
    expect(faq.body.data.map((s: { title: string }) => s.title)).toEqual(['Reset the controller']);
    expect((await portal('GET', `/api/portal/records/service_case/${ids.caseB}`)).status).toBe(404);
    expect((await portal('GET', '/api/portal/records/service_case')).body.data).toEqual([]);
  });

  it('files a request for the own customer (whatever is sent), starts it with its SLA, and staff assign and handle it; the contact answers the survey', async () => {
    const { admin, portal, ids } = await scene();
    const filed = await portal('POST', '/api/portal/records/service_case', { subject: 'The controller blinks red', type: 'consultation', priority: 'high', description: 'Since Monday.' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ customer: ids.a, contact: ids.a1, channel: 'portal', status: 'new', priority: 'high' });
    expect(filed.body.sla_due).toEqual(expect.any(String));
    expect(filed.body.handler).toBeUndefined();
    const forOther = await portal('POST', '/api/portal/records/service_case', { subject: 'Sneaky', type: 'consultation', customer: ids.b });
    expect(forOther.status).toBe(403);
    // staff: the service manager assigns and handles it, as for any case
    const manager = await admin('POST', '/api/users', { email: 'svc@x.local', password: PASSWORD, name: 'Service Manager', roles: ['service_manager'] });
    expect(manager.status).toBe(201);
    const staffView = await admin('GET', `/api/records/service_case/${filed.body.id}`);
    expect(staffView.body.sla_due).toBe(filed.body.sla_due);
    const assigned = await admin('POST', `/api/records/service_case/${filed.body.id}/actions/assign`, { handler: manager.body.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', handler: manager.body.id });
    // the survey waits until the case is handled
    const early = await portal('GET', `/api/portal/records/service_case/${filed.body.id}`);
    expect(early.body.status).toBe('assigned');
    expect((await portal('PATCH', `/api/portal/records/service_case/${filed.body.id}`, { satisfaction: 5 }, { 'if-match': String(early.body.version) })).status).toBe(403);
    const noted = await admin('PATCH', `/api/records/service_case/${filed.body.id}`, { handling_notes: 'Firmware updated.' }, { 'if-match': String(assigned.body.version) });
    expect(noted.status).toBe(200);
    const handled = await admin('POST', `/api/records/service_case/${filed.body.id}/transitions/handle`, {});
    expect(handled.status, JSON.stringify(handled.body)).toBe(200);
    const seen = await portal('GET', `/api/portal/records/service_case/${filed.body.id}`);
    expect(seen.body).toMatchObject({ status: 'handled', handling_notes: 'Firmware updated.' });
    expect((await portal('PATCH', `/api/portal/records/service_case/${filed.body.id}`, { handling_notes: 'Not mine to write' }, { 'if-match': String(seen.body.version) })).status).toBe(403);
    const skipped = await portal('PATCH', `/api/portal/records/service_case/${filed.body.id}`, { status: 'archived' }, { 'if-match': String(seen.body.version) });
    expect(skipped.status).toBeGreaterThanOrEqual(400);
    expect(skipped.status).toBeLessThan(500);
    const answered = await portal('PATCH', `/api/portal/records/service_case/${filed.body.id}`, { satisfaction: 5, feedback: 'Quick and kind.' }, { 'if-match': String(seen.body.version) });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const after = await admin('GET', `/api/records/service_case/${filed.body.id}`);
    expect(after.body).toMatchObject({ status: 'feedback', satisfaction: 5, feedback: 'Quick and kind.' });
    expect(after.body.feedback_at).toEqual(expect.any(String));
  });

  it('takes attachments on a request within the field\'s size and type limits; staff see them, other customers\' files stay hidden', async () => {
    const { admin, adminToken, portal, portalToken, ids } = await scene();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = (body: Uint8Array<ArrayBuffer>, type: string, name: string) =>
      fetch(`${url}/api/portal/files?entity=service_case&field=attachments&name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${portalToken}`, 'content-type': type }, body });
    const stored = await upload(png, 'image/png', 'blink.png');
    expect(stored.status).toBe(201);
    const file = await stored.json();
    const wrongType = await upload(new Uint8Array(Buffer.from("MZ")), 'application/x-msdownload', 'tool.exe');
    expect([wrongType.status, wrongType.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect((await wrongType.json()).errors[0].field).toBe('type');
    const tooBig = await upload(new Uint8Array(2 * 1024 * 1024 + 1), 'text/plain', 'log.txt');
    expect([tooBig.status, tooBig.headers.get('content-type')]).toEqual([413, 'application/problem+json']);
    const notTheirs = await fetch(`${url}/api/portal/files?entity=sales_order&field=notes&name=x.txt`, { method: 'POST', headers: { authorization: `Bearer ${portalToken}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(notTheirs.status).toBeGreaterThanOrEqual(403);
    expect(notTheirs.status).toBeLessThan(500);
    const filed = await portal('POST', '/api/portal/records/service_case', { subject: 'Blinking', type: 'consultation', attachments: [file] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.attachments).toMatchObject([{ id: file.id, name: 'blink.png' }]);
    // Staff see the file with the case; the contact downloads it again.
    const staff = await admin('GET', `/api/records/service_case/${filed.body.id}`);
    expect(staff.body.attachments).toMatchObject([{ id: file.id }]);
    const asStaff = await fetch(`${url}/api/files/${file.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(Buffer.from(await asStaff.arrayBuffer()).equals(png)).toBe(true);
    const mine = await fetch(`${url}/api/portal/files/${file.id}`, { headers: { authorization: `Bearer ${portalToken}` } });
    expect([mine.status, mine.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    // A file on another customer's case is 404 to the contact.
    const staffFile = await (await fetch(`${url}/api/files?entity=service_case&field=attachments&name=jam.png`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/png' }, body: png })).json();
    const caseB = await admin('GET', `/api/records/service_case/${ids.caseB}`);
    expect((await admin('PATCH', `/api/records/service_case/${ids.caseB}`, { attachments: [staffFile] }, { 'if-match': String(caseB.body.version) })).status).toBe(200);
    expect((await fetch(`${url}/api/portal/files/${staffFile.id}`, { headers: { authorization: `Bearer ${portalToken}` } })).status).toBe(404);
  });

  it('searches the FAQ on the server: published portal solutions only, paged, Chinese text too; problems in zh-CN', async () => {
    const { slug, admin, portal } = await scene();
    await admin('POST', '/api/records/solution', { title: '打印机卡纸怎么办', type: 'consultation', problem: '打印机卡纸', answer: '打开后盖，取出纸张。', published: true, portal_visible: true });
    await admin('POST', '/api/records/solution', { title: '内部：打印机维修记录', type: 'consultation', problem: '打印机', answer: '仅限员工。', published: true });
    const faq = (q: string) => fetch(`${url}/api/public/${slug}/x/portal/faq?${q}`).then(async (r) => ({ status: r.status, body: await r.json() }));
    const chinese = await faq(`q=${encodeURIComponent('打印机')}`);
    expect(chinese.status).toBe(200);
    expect(chinese.body.data.map((x: { title: string }) => x.title)).toEqual(['打印机卡纸怎么办']);
    expect(chinese.body.data[0]).toMatchObject({ answer: '打开后盖，取出纸张。', typeLabel: { en: expect.any(String), 'zh-CN': expect.any(String) } });
    expect(chinese.body.data[0].cases).toBeUndefined();
    const first = await faq('limit=1');
    expect(first.body.data).toHaveLength(1);
    const second = await faq(`limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.data, ...second.body.data].map((x: { title: string }) => x.title).sort()).toEqual(['Reset the controller', '打印机卡纸怎么办'].sort());
    expect((await faq('q=wiring')).body.data).toEqual([]);
    const long = await fetch(`${url}/api/public/${slug}/x/portal/faq?q=${'x'.repeat(101)}`, { headers: { 'accept-language': 'zh-CN' } });
    expect([long.status, long.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect((await long.json()).code).toBe('PORTAL_FAQ_QUERY');
    // The plugin's own problems speak the visitor's language.
    const noPage = await fetch(`${url}/api/public/${slug}/x/portal/landing/nope`, { headers: { 'accept-language': 'zh-CN' } });
    expect(noPage.status).toBe(404);
    expect(await noPage.json()).toMatchObject({ code: 'PORTAL_LANDING_NOT_FOUND', detail: '落地页不存在。' });
    const noMail = await admin('POST', '/api/records/contact', { customer: (await admin('GET', '/api/records/customer')).body.data[0].id, name: 'No Mail' });
    const refused = await admin('POST', `/api/records/contact/${noMail.body.id}/actions/portal_access`, {});
    expect(refused.body).toMatchObject({ status: 400, code: 'PORTAL_CONTACT_NO_EMAIL', detail: 'The contact needs an e-mail address for the portal.' }); // the admin reads English
    expect((await portal('GET', '/api/portal/records/solution')).status).toBe(200);
  });

  it("never edits another customer's case by id, and bad input changes nothing", async () => {
    const { admin, portal, ids } = await scene();
    const before = await admin('GET', `/api/records/service_case/${ids.caseB}`);
    const res = await portal('PATCH', `/api/portal/records/service_case/${ids.caseB}`, { satisfaction: 1, subject: 'Hijacked' }, { 'if-match': String(before.body.version) });
    expect([403, 404]).toContain(res.status);
    const missing = await portal('POST', '/api/portal/records/service_case', { description: 'no subject, no type' });
    expect(missing.status).toBe(400);
    const badStatus = await portal('POST', '/api/portal/records/service_case', { subject: 'Already done', type: 'consultation', status: 'archived' });
    expect(badStatus.status).toBeGreaterThanOrEqual(400);
    expect(badStatus.status).toBeLessThan(500);
    const after = await admin('GET', `/api/records/service_case/${ids.caseB}`);
    expect(after.body).toMatchObject({ subject: 'Beta printer jam', version: before.body.version });
    expect((await admin('GET', '/api/records/service_case')).body.data).toHaveLength(1);
  });
});
