import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Demo-Roles-2026';
type Call = ReturnType<typeof api>;

/** The reference roles (R7) with the demo users the plugin declares, over real HTTP. */
describe('customers: reference roles and demo users', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'r7', adminEmail: 'admin@r7.local', adminPassword: PASSWORD, plugins: ['customers'], demoData: true }, { knex: db.knex });
    for (const login of ['admin', 'lihua', 'wangqiang', 'director', 'ceo']) {
      const res = await api(url)('POST', '/api/auth/login', { tenant: 'r7', email: `${login}@r7.local`, password: PASSWORD });
      expect(res.status).toBe(200);
      as[login] = api(url, res.body.token);
      ids[login] = res.body.user.id;
    }
  });
  afterAll(async () => close?.());

  const customers = async (who: string) => (await as[who]('GET', '/api/records/customer?limit=500&fields=name,owner_id')).body.data as { id: string; owner_id: string }[];

  it('an account manager sees only own customers, and their contacts', async () => {
    const mine = await customers('lihua');
    const theirs = await customers('wangqiang');
    expect(mine.length).toBeGreaterThan(50);
    expect(mine.every((c) => c.owner_id === ids.lihua)).toBe(true);
    expect(mine.some((c) => theirs.some((t) => t.id === c.id))).toBe(false);
    expect((await as.lihua('GET', `/api/records/customer/${theirs[0].id}`)).status).toBe(404);
    const contacts = (await as.lihua('GET', '/api/records/contact?limit=500&fields=customer')).body.data as { customer: string }[];
    const own = new Set(mine.map((c) => c.id));
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((c) => own.has(c.customer))).toBe(true);
  });

  it('an account manager edits own customers but not their credit rating or owner', async () => {
    const [first] = await customers('lihua');
    const current = await as.lihua('GET', `/api/records/customer/${first.id}`);
    const v = current.headers.get('etag')!.replace(/"/g, '');
    expect((await as.lihua('PATCH', `/api/records/customer/${first.id}`, { credit_rating: 1 }, { 'If-Match': v })).status).toBe(403);
    expect((await as.lihua('PATCH', `/api/records/customer/${first.id}`, { owner_id: ids.wangqiang }, { 'If-Match': v })).status).toBe(403);
    expect((await as.lihua('PATCH', `/api/records/customer/${first.id}`, { phone: '021-88886666' }, { 'If-Match': v })).status).toBe(200);
    expect((await as.lihua('DELETE', `/api/records/customer/${first.id}`)).status).toBe(403);
  });

  it('the sales director sees every customer and assigns them', async () => {
    const all = await customers('director');
    expect(all.length).toBe(200);
    const target = (await customers('lihua'))[1];
    const v = (await as.director('GET', `/api/records/customer/${target.id}`)).headers.get('etag')!.replace(/"/g, '');
    const moved = await as.director('PATCH', `/api/records/customer/${target.id}`, { owner_id: ids.wangqiang }, { 'If-Match': v });
    expect(moved.status).toBe(200);
    expect((await customers('wangqiang')).map((c) => c.id)).toContain(target.id);
    expect((await as.lihua('GET', `/api/records/customer/${target.id}`)).status).toBe(404);
  });

  it('the executive reads everything and changes nothing', async () => {
    expect((await customers('ceo')).length).toBe(200);
    expect((await as.ceo('POST', '/api/records/customer', { name: '新客户有限公司' })).status).toBe(403);
    const meta = await as.ceo('GET', '/api/meta');
    expect(meta.body.entities.customer.access).toMatchObject({ create: false, update: false, delete: false });
    expect(meta.body.entities.customer.plugin).toBe('customers');
    expect(meta.body.entities.team.plugin).toBe('system');
    expect(meta.body.entities.customer_loss.actions).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'pause_churn', allowed: false, input: { measures: expect.objectContaining({ type: 'long_text', required: true }) } })]),
    );
    const managers = (await as.lihua('GET', '/api/meta')).body.entities.customer_loss.actions;
    expect(managers.map((a: { name: string; allowed: boolean }) => [a.name, a.allowed])).toEqual([['pause_churn', true], ['confirm_churn', true]]);
    const loss = (await as.ceo('GET', '/api/records/customer_loss?limit=1')).body.data[0];
    expect((await as.ceo('POST', `/api/records/customer_loss/${loss.id}/actions/pause_churn`, { measures: '回访' })).status).toBe(403);
  });

  it('explains to an admin which role and rule grant or deny each operation and field', async () => {
    const own = (await customers('lihua'))[0];
    const theirs = (await customers('wangqiang'))[0];
    const yes = await as.admin('GET', `/api/records/customer/${own.id}/access?user=${ids.lihua}`);
    expect(yes.status).toBe(200);
    expect(yes.body.operations.read).toEqual({ allowed: true, grants: [{ role: 'account_manager', scope: 'own', matches: true }], sharingRules: [], shares: [], reasons: [{ kind: 'role', role: 'account_manager', scope: 'own' }] });
    expect(yes.body.operations.delete.allowed).toBe(false);
    expect(yes.body.fields.credit_rating).toEqual({ access: 'read', byRole: { account_manager: 'read' } });
    expect(yes.body.create).toEqual({ allowed: true, roles: ['account_manager'] });
    const no = await as.admin('GET', `/api/records/customer/${theirs.id}/access?user=${ids.lihua}`);
    expect(no.body.operations.read).toEqual({ allowed: false, grants: [{ role: 'account_manager', scope: 'own', matches: false }], sharingRules: [], shares: [], reasons: [] });
    expect((await as.lihua('GET', `/api/records/customer/${own.id}/access?user=${ids.lihua}`)).status).toBe(403);
    expect((await as.admin('GET', `/api/records/customer/${own.id}/access?user=nobody`)).status).toBe(404);
  });

  it('runs the composition report under each user\'s scope, with drill-down filters', async () => {
    const all = await as.director('POST', '/api/reports/customers_by_region/run', {});
    expect(all.status).toBe(200);
    const total = (rows: { customers: number }[]) => rows.reduce((n, r) => n + r.customers, 0);
    const active = (await as.director('GET', `/api/records/customer?limit=500&fields=id&filter=${encodeURIComponent(JSON.stringify({ '!=': [{ var: 'status' }, 'lost'] }))}`)).body.data.length;
    expect(total(all.body.rows)).toBe(active);
    const mine = await as.lihua('POST', '/api/reports/customers_by_region/run', {});
    expect(total(mine.body.rows)).toBeLessThan(active);
    const cell = mine.body.drillFilters[0];
    const listed = await as.lihua('GET', `/api/records/customer?limit=500&fields=id&filter=${encodeURIComponent(JSON.stringify(cell))}`);
    expect(listed.body.data.length).toBe(mine.body.rows[0].customers);
    expect((await as.lihua('GET', '/api/reports')).body.data.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['activities_by_month', 'churn_by_status', 'customers_by_region', 'satisfaction_by_industry']),
    );
    expect((await as.lihua('POST', '/api/reports/customers_by_region/run', { drill: { region: 'east' }, colour: 1 })).status).toBe(400);
    expect((await as.lihua('POST', '/api/reports/no_such/run', {})).status).toBe(404);
  });
});
