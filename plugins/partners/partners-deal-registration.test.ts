import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Huoban-Baobei-2026';
const PORTAL_PASSWORD = 'Outside-Partner-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** 商机报备 over real HTTP: a partner user registers a deal in the portal, the partner manager approves or rejects it, duplicates are refused. */
describe('partners: deal registration from the portal', () => {
  let close: () => Promise<void>;
  let url: string;
  let admin: Call;
  let manager: Call;
  let portal: Call;
  const ids: Record<string, string> = {};
  const make = async (entity: string, data: Row) => {
    const res = await admin('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const register = (body: Row) => portal('POST', '/api/portal/records/deal_registration', body);
  const decide = (id: string, transition: string) => manager('POST', `/api/records/deal_registration/${id}/transitions/${transition}`, {});

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    url = started.url;
    await provisionTenant({ slug: 'dr', adminEmail: 'admin@dr.local', adminPassword: PASSWORD, plugins: ['partners'] }, { knex: started.db.knex });
    const signIn = (email: string) => api(url)('POST', '/api/auth/login', { tenant: 'dr', email, password: PASSWORD });
    admin = api(url, (await signIn('admin@dr.local').catch(() => signIn('admin@dr.local'))).body.token);
    const made = await admin('POST', '/api/users', { email: 'qian@dr.local', password: PASSWORD, name: '钱伟', roles: ['partner_manager'] });
    expect(made.status).toBe(201);
    ids.manager = made.body.id;
    manager = api(url, (await signIn('qian@dr.local')).body.token);
    ids.custA = await make('customer', { name: '华东甲公司', region: 'east' });
    ids.custB = await make('customer', { name: '华北乙公司', region: 'north' });
    ids.custC = await make('customer', { name: '华南丙公司', region: 'south' });
    ids.p1 = await make('partner', { name: '华信经销', kind: 'reseller', tier: 'gold', email: 'zhou@huaxin.test', contact_name: '周建国', manager: ids.manager });
    ids.p2 = await make('partner', { name: '中原代理', kind: 'agent', tier: 'silver', email: 'zhao@zhongyuan.test' });
    // 华信 has a won deal with 甲 (so 甲 is its customer and has no open deal); 乙 has an open deal of another partner.
    ids.won = await make('opportunity', { title: '甲·年度集采', customer: ids.custA, partner: ids.p1, amount: 200_000, expected_close_date: '2026-12-20' });
    for (const t of ['qualify', 'propose', 'negotiate', 'win']) expect((await admin('POST', `/api/records/opportunity/${ids.won}/transitions/${t}`, {})).status).toBe(200);
    ids.open = await make('opportunity', { title: '乙·区域代理', customer: ids.custB, partner: ids.p2, amount: 80_000 });
    const invite = await admin('POST', `/api/records/partner/${ids.p1}/actions/portal_access`, {});
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const token = new URL(invite.body.invitation.link, url).searchParams.get('token');
    const accepted = await api(url)('POST', '/api/portal/auth/accept', { tenant: 'dr', token, password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    portal = api(url, accepted.body.token);
  }, 600_000);
  afterAll(async () => close?.());

  it('offers the partner user the customers of their own deals only', async () => {
    const res = await portal('GET', '/api/public/dr/x/partners/customers');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual([{ id: ids.custA, name: '华东甲公司' }]);
    expect((await api(url)('GET', '/api/public/dr/x/partners/customers')).status).toBe(401);
  });

  it('registers a deal for an existing customer into the partner manager\'s queue, and approval makes the partner\'s deal', async () => {
    const foreign = await register({ customer: ids.custA, partner: ids.p2, amount: 150_000, expected_close_date: '2027-03-31', product_interest: '门店收银系统' });
    expect(foreign.status).toBe(403); // the partner is the account's, never the body's
    const res = await register({ customer: ids.custA, amount: 150_000, expected_close_date: '2027-03-31', product_interest: '门店收银系统', next_step: '下周现场演示' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ partner: ids.p1, customer: ids.custA, customer_name: '华东甲公司', status: 'registered', amount: 150_000 });
    expect(res.body.manager).toBeUndefined(); // hidden from the partner
    const queue = (await manager('GET', `/api/records/deal_registration?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'status' }, 'registered'] }))}`)).body.data as Row[];
    expect(queue.map((r) => [r.id, r.manager])).toEqual([[res.body.id, ids.manager]]);
    // The partner may not decide it.
    expect((await portal('POST', `/api/portal/records/deal_registration/${res.body.id}/transitions/approve`, {})).status).toBeGreaterThanOrEqual(403);

    const approved = await decide(res.body.id, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = (await manager('GET', `/api/records/deal_registration/${res.body.id}`)).body;
    expect(after.status).toBe('approved');
    const deal = (await admin('GET', `/api/records/opportunity/${after.opportunity}`)).body;
    expect(deal).toMatchObject({ customer: ids.custA, partner: ids.p1, amount: 150_000, expected_close_date: '2027-03-31', next_step: '下周现场演示', owner_id: ids.manager, stage: 'prospecting' });
    // The partner user sees the new deal among theirs; a decided registration no longer changes.
    expect(((await portal('GET', '/api/portal/records/opportunity')).body.data as Row[]).map((d) => d.id)).toContain(deal.id);
    const again = await decide(res.body.id, 'reject');
    expect(again.status).toBe(409);
  });

  it('refuses a duplicate of an open deal or of a waiting registration, with a clear message in both languages', async () => {
    // 甲 now has the open deal made above.
    const dup = await register({ customer: ids.custA, amount: 1, expected_close_date: '2027-01-31', product_interest: '收银机' });
    expect([dup.status, dup.body.code, dup.body.errors?.[0]?.field]).toEqual([409, 'DEAL_ALREADY_REGISTERED', 'customer']);
    expect(dup.body.detail).toContain('华东甲公司 already has an open deal');
    // 乙's open deal is another partner's: still refused by name, whatever the spaces and case.
    const byName = await portal('POST', '/api/portal/records/deal_registration', { customer_name: ' 华北 乙公司 ', amount: 1, expected_close_date: '2027-01-31', product_interest: '加盟系统' }, { 'accept-language': 'zh-CN' });
    expect([byName.status, byName.body.code, byName.body.errors?.[0]?.field]).toEqual([409, 'DEAL_ALREADY_REGISTERED', 'customer_name']);
    expect(byName.body.detail).toContain('已有进行中的商机');
    // A new customer by name, then the same name again while the first waits.
    const fresh = await register({ customer_name: '西部丁公司', amount: 60_000, expected_close_date: '2027-02-28', product_interest: '仓储管理' });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    const twice = await register({ customer_name: '西部丁公司', amount: 70_000, expected_close_date: '2027-02-28', product_interest: '仓储管理' });
    expect([twice.status, twice.body.code]).toEqual([409, 'DEAL_ALREADY_REGISTERED']);
    // Rejection needs a reason; a rejected one frees the name.
    expect((await decide(fresh.body.id, 'reject')).status).toBe(422);
    const current = (await manager('GET', `/api/records/deal_registration/${fresh.body.id}`)).body;
    expect((await manager('PATCH', `/api/records/deal_registration/${fresh.body.id}`, { rejection_reason: '客户已由直销跟进' }, { 'if-match': String(current.version) })).status).toBe(200);
    expect((await decide(fresh.body.id, 'reject')).status).toBe(200);
    const seen = ((await portal('GET', '/api/portal/records/deal_registration')).body.data as Row[]).find((r) => r.id === fresh.body.id);
    expect(seen).toMatchObject({ status: 'rejected', rejection_reason: '客户已由直销跟进' });
    const retry = await register({ customer_name: '西部丁公司', amount: 70_000, expected_close_date: '2027-02-28', product_interest: '仓储管理' });
    expect(retry.status).toBe(201);
    // Approving it makes a new customer of that name.
    expect((await decide(retry.body.id, 'approve')).status).toBe(200);
    const approved = (await manager('GET', `/api/records/deal_registration/${retry.body.id}`)).body;
    expect((await admin('GET', `/api/records/customer/${approved.customer}`)).body.name).toBe('西部丁公司');
  });

  it('refuses bad registrations with the failing fields, and another partner\'s customer', async () => {
    const empty = await register({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['customer_name', 'amount', 'expected_close_date', 'product_interest']));
    const noCustomer = await register({ amount: 5, expected_close_date: '2027-01-01', product_interest: 'x' });
    expect([noCustomer.status, noCustomer.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['customer_name']]);
    const notMine = await register({ customer: ids.custC, amount: 5, expected_close_date: '2027-01-01', product_interest: 'x' });
    expect([notMine.status, notMine.body.code, notMine.body.errors?.[0]?.field]).toEqual([422, 'DEAL_CUSTOMER_NOT_YOURS', 'customer']);
    const status = await register({ customer_name: '北方戊公司', amount: 5, expected_close_date: '2027-01-01', product_interest: 'x', status: 'approved' });
    expect(status.status).toBe(403);
    expect(((await admin('GET', '/api/records/deal_registration?limit=100')).body.data as Row[]).some((r) => r.customer_name === '北方戊公司')).toBe(false);
  });
});
