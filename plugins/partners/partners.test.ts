import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, checkPluginMetadata, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Huoban-Channel-2026';
const PORTAL_PASSWORD = 'Outside-Partner-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** Partners over real HTTP: partners and their deals and orders, the partner user's portal (their deals only), the performance reports. */
describe('partners: the channel, its portal users and its performance', () => {
  let close: () => Promise<void>;
  let url: string;
  let admin: Call;
  let portal: Call;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    url = started.url;
    await provisionTenant({ slug: 'ptn', adminEmail: 'admin@ptn.local', adminPassword: PASSWORD, plugins: ['partners'] }, { knex: started.db.knex });
    const signIn = () => api(url)('POST', '/api/auth/login', { tenant: 'ptn', email: 'admin@ptn.local', password: PASSWORD });
    admin = api(url, (await signIn().catch(signIn)).body.token);
    const make = async (entity: string, data: Row) => {
      const res = await admin('POST', `/api/records/${entity}`, data);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const take = async (entity: string, id: string, transitions: string[]) => {
      for (const t of transitions) {
        const res = await admin('POST', `/api/records/${entity}/${id}/transitions/${t}`, {});
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    };
    ids.custA = await make('customer', { name: '华东甲公司', region: 'east' });
    ids.custB = await make('customer', { name: '华北乙公司', region: 'north' });
    ids.p1 = await make('partner', { name: '华信经销', kind: 'reseller', tier: 'gold', territories: ['east'], email: 'zhou@huaxin.test', contact_name: '周建国' });
    ids.p2 = await make('partner', { name: '中原代理', kind: 'agent', tier: 'silver', territories: ['north'], email: 'zhao@zhongyuan.test' });
    ids.p3 = await make('partner', { name: '暂停分销', kind: 'distributor', tier: 'registered', status: 'suspended', email: 'x@paused.test' });
    const deal = (title: string, customer: string, partner: string | undefined, amount: number) =>
      make('opportunity', { title, customer, amount, expected_close_date: '2026-12-20', ...(partner && { partner }) });
    ids.d1 = await deal('甲·门店升级', ids.custA, ids.p1, 100_000);
    ids.d2 = await deal('甲·年度集采', ids.custA, ids.p1, 200_000);
    ids.d3 = await make('opportunity', { title: '甲·新品铺货', customer: ids.custA, amount: 50_000, partner: ids.p1, loss_reason: '价格' });
    ids.e1 = await deal('乙·区域代理', ids.custB, ids.p2, 80_000);
    ids.e2 = await deal('乙·框架采购', ids.custB, ids.p2, 300_000);
    ids.n1 = await deal('乙·直销大单', ids.custB, undefined, 999_000);
    for (const id of [ids.d2, ids.e2, ids.n1]) await take('opportunity', id, ['qualify', 'propose', 'negotiate', 'win']);
    await take('opportunity', ids.d3, ['lose']);
    ids.o1 = await make('sales_order', { customer: ids.custA, opportunity: ids.d2, order_date: '2026-12-01' });
    ids.o2 = await make('sales_order', { customer: ids.custB, partner: ids.p2, order_date: '2026-12-02' });
    ids.o3 = await make('sales_order', { customer: ids.custB, order_date: '2026-12-03' });
    const invite = await admin('POST', `/api/records/partner/${ids.p1}/actions/portal_access`, {});
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    expect(invite.body.user).toMatchObject({ email: 'zhou@huaxin.test', name: '周建国', role: 'portal_partner', linkedEntity: 'partner', linkedId: ids.p1 });
    const token = new URL(invite.body.invitation.link, url).searchParams.get('token');
    const accepted = await api(url)('POST', '/api/portal/auth/accept', { tenant: 'ptn', token, password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    portal = api(url, accepted.body.token);
  }, 600_000);
  afterAll(async () => close?.());

  it('ships metadata that passes the check', async () => {
    expect(await checkPluginMetadata('partners')).toEqual([]);
  });

  it('gives an order the partner of its opportunity; portal access only for an active partner with an e-mail', async () => {
    expect((await admin('GET', `/api/records/sales_order/${ids.o1}`)).body.partner).toBe(ids.p1);
    const suspended = await admin('POST', `/api/records/partner/${ids.p3}/actions/portal_access`, {});
    expect([suspended.status, suspended.body.code]).toEqual([409, 'PARTNER_NOT_ACTIVE']);
    const noMail = await admin('POST', `/api/records/partner/${ids.p2}/actions/portal_access`, { email: 'not-an-address' });
    expect(noMail.status).toBe(400);
    expect(noMail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
  });

  it('lets a partner manager run the channel; an account manager reads partners without their notes and gives no portal access', async () => {
    const staff = async (email: string, role: string) => {
      const made = await admin('POST', '/api/users', { email, password: PASSWORD, name: role, roles: [role] });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'ptn', email, password: PASSWORD })).body.token);
    };
    const channel = await staff('mgr@ptn.local', 'partner_manager');
    const made = await channel('POST', '/api/records/partner', { name: '西域通达', kind: 'agent', territories: ['northwest'], email: 'ma@xiyu.test', notes: '账期需审批' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ tier: 'registered', status: 'active', code: expect.stringMatching(/^HB\d{5}$/) });
    expect((await channel('POST', `/api/records/partner/${made.body.id}/actions/portal_access`, {})).status).toBe(200);
    expect((await channel('GET', `/api/records/opportunity/${ids.n1}`)).status).toBe(200);
    const rep = await staff('rep@ptn.local', 'account_manager');
    const seen = await rep('GET', `/api/records/partner/${made.body.id}`);
    expect([seen.status, seen.body.name, seen.body.notes]).toEqual([200, '西域通达', undefined]);
    expect((await rep('POST', `/api/records/partner/${ids.p2}/actions/portal_access`, {})).status).toBe(403);
    expect((await rep('POST', '/api/records/partner', { name: 'X', kind: 'agent' })).status).toBe(403);
  });

  it('reports won amount, open pipeline and win rate by partner and by tier', async () => {
    const run = async (report: string) => {
      const res = await admin('POST', `/api/reports/${report}/run`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.rows as Row[];
    };
    const figures = (r: Row) => [Number(r.deals), Number(r.won_amount), Number(r.pipeline), Math.round(Number(r.win_rate))];
    const byPartner = await run('partner_performance');
    expect(Object.fromEntries(byPartner.map((r) => [r['partner.name'], figures(r)]))).toEqual({
      华信经销: [3, 200_000, 100_000, 50],
      中原代理: [2, 300_000, 80_000, 100],
    });
    const byTier = await run('partner_performance_by_tier');
    expect(Object.fromEntries(byTier.map((r) => [r['partner.tier'], figures(r)]))).toEqual({ gold: [3, 200_000, 100_000, 50], silver: [2, 300_000, 80_000, 100] });
    const byQuarter = await run('partner_performance_by_quarter');
    expect(byQuarter.reduce((n, r) => n + Number(r.won_amount), 0)).toBe(500_000);
    const partner = (await admin('GET', `/api/records/partner/${ids.p1}`)).body;
    expect([partner.open_deals, Number(partner.won_amount)]).toEqual([1, 200_000]);
  });

  it("shows a partner user only their partner's deals and orders, and nothing else", async () => {
    const meta = await portal('GET', '/api/portal/meta');
    expect(Object.keys(meta.body.entities).sort()).toEqual(['deal_registration', 'opportunity', 'partner', 'sales_order']);
    expect(meta.body.entities.sales_order.fields.commission).toBeUndefined();
    expect(meta.body.entities.partner.fields.notes).toBeUndefined();
    const deals = await portal('GET', '/api/portal/records/opportunity?sort=code');
    expect(deals.status).toBe(200);
    expect(deals.body.data.map((d: Row) => d.id).sort()).toEqual([ids.d1, ids.d2, ids.d3].sort());
    expect(deals.body.data[0].source).toBeUndefined();
    const orders = await portal('GET', '/api/portal/records/sales_order');
    expect(orders.body.data.map((o: Row) => o.id)).toEqual([ids.o1]);
    expect((await portal('GET', '/api/portal/records/partner')).body.data.map((p: Row) => p.id)).toEqual([ids.p1]);
    for (const [entity, id] of [['opportunity', ids.e1], ['opportunity', ids.n1], ['sales_order', ids.o2], ['partner', ids.p2]]) {
      expect((await portal('GET', `/api/portal/records/${entity}/${id}`)).status, `${entity} ${id}`).toBe(404);
    }
    for (const entity of ['customer', 'contact', 'service_case', 'lead']) expect((await portal('GET', `/api/portal/records/${entity}`)).status, entity).toBe(404);
    expect((await portal('GET', `/api/portal/records/customer/${ids.custA}`)).status).toBe(404);
    // staff doors take no portal credential
    expect((await portal('GET', '/api/records/opportunity')).status).toBe(401);
    expect((await portal('POST', '/api/reports/partner_performance/run', {})).status).toBe(401);
    expect((await portal('GET', '/api/records/opportunity/export')).status).toBe(401);
  });

  it("lets a partner user update their open deals (amount, next step, stage by its transitions) but never another partner's, nor the partner field", async () => {
    const d1 = (await portal('GET', `/api/portal/records/opportunity/${ids.d1}`)).body;
    const changed = await portal('PATCH', `/api/portal/records/opportunity/${ids.d1}`, { amount: 120_000, next_step: '安排样机试用' }, { 'if-match': String(d1.version) });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ amount: 120_000, next_step: '安排样机试用', partner: ids.p1 });
    const steal = await portal('PATCH', `/api/portal/records/opportunity/${ids.d1}`, { partner: ids.p2 }, { 'if-match': String(changed.body.version) });
    expect(steal.status).toBe(403);
    const retitle = await portal('PATCH', `/api/portal/records/opportunity/${ids.d1}`, { title: 'Mine now' }, { 'if-match': String(changed.body.version) });
    expect(retitle.status).toBe(403);
    const stale = await portal('PATCH', `/api/portal/records/opportunity/${ids.d1}`, { amount: 1 }, { 'if-match': String(d1.version) });
    expect(stale.status).toBe(409);
    const choices = await portal('GET', `/api/portal/records/opportunity/${ids.d1}/transitions`);
    expect(choices.body.data.map((t: Row) => t.name)).toContain('qualify');
    const qualified = await portal('POST', `/api/portal/records/opportunity/${ids.d1}/transitions/qualify`, {});
    expect(qualified.status, JSON.stringify(qualified.body)).toBe(200);
    expect(qualified.body.stage).toBe('qualification');
    const e1 = (await admin('GET', `/api/records/opportunity/${ids.e1}`)).body;
    expect((await portal('PATCH', `/api/portal/records/opportunity/${ids.e1}`, { amount: 1 }, { 'if-match': String(e1.version) })).status).toBe(404);
    expect((await portal('POST', `/api/portal/records/opportunity/${ids.e1}/transitions/qualify`, {})).status).toBe(404);
    expect([403, 422]).toContain((await portal('POST', `/api/portal/records/sales_order/${ids.o1}/transitions/confirm`, {})).status);
    expect((await admin('GET', `/api/records/sales_order/${ids.o1}`)).body.status).toBe('new');
    const won = (await portal('GET', `/api/portal/records/opportunity/${ids.d2}`)).body;
    expect((await portal('PATCH', `/api/portal/records/opportunity/${ids.d2}`, { next_step: 'x' }, { 'if-match': String(won.version) })).status).toBe(403);
    expect((await portal('POST', '/api/portal/records/opportunity', { title: 'New', customer: ids.custA })).status).toBe(403);
    const after = await admin('GET', `/api/records/opportunity/${ids.e1}`);
    expect([after.body.amount, after.body.version]).toEqual([e1.amount, e1.version]);
    const mine = (await admin('GET', `/api/records/opportunity/${ids.d1}`)).body;
    expect(mine).toMatchObject({ partner: ids.p1, stage: 'qualification', amount: 120_000 });
  });
});
