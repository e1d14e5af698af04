import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Weihu-Jihua-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
/** A local date `days` from today in Asia/Shanghai (the tenant's zone). */
const shift = (days: number) => ymd(new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000));
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

/** Preventive maintenance over real HTTP: a contract's schedule makes one work order per visit, its lead days ahead, and moves on. */
describe('fieldservice: maintenance work orders from service contracts', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  let customer: Row;
  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const ordersOf = async (contract: string) =>
    (await as.admin('GET', `/api/records/work_order?sort=maintenance_due&filter=${q({ '==': [{ var: 'service_contract' }, contract] })}`)).body.data as Row[];
  const contractOf = async (id: string) => (await as.admin('GET', `/api/records/service_contract/${id}`)).body as Row;

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'pm', adminEmail: 'admin@pm.local', adminPassword: PASSWORD, plugins: ['fieldservice'], settings: { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN' } }, { knex: db.knex });
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'pm', email, password: PASSWORD })).body.token as string;
    as.admin = api(url, await login('admin@pm.local'));
    expect((await as.admin('POST', '/api/users', { email: 'dispatcher@pm.local', password: PASSWORD, name: '吴海峰', roles: ['dispatcher'] })).status).toBe(201);
    expect((await as.admin('POST', '/api/users', { email: 'engineer@pm.local', password: PASSWORD, name: '马超', roles: ['engineer'] })).status).toBe(201);
    as.dispatcher = api(url, await login('dispatcher@pm.local'));
    as.engineer = api(url, await login('engineer@pm.local'));
    customer = await create('admin', 'customer', { name: '苏州恒信精密机械有限公司', region: 'east', address: '苏州工业园区星湖街328号' });
  }, 600_000);
  afterAll(async () => close?.());

  it('makes exactly one work order per due date within the lead days, and advances the next due date', async () => {
    const contract = (title: string, values: Row) =>
      create('admin', 'service_contract', { title, customer: customer.id, kind: 'maintenance', start_date: shift(-200), end_date: shift(400), ...values });
    // Monthly, due in 10 days, lead 14 → made now; weekly, due in 3 days, default lead 14 → 2 visits (3 and 10 days).
    const monthly = await contract('空压机月度保养', { maintenance_every_months: 1, maintenance_due: shift(10), maintenance_lead_days: 14 });
    const weekly = await contract('产线周检', { maintenance_interval_days: 7, maintenance_due: shift(3) });
    // Quarterly due in 30 days, lead 14: not yet. Ended contracts are left alone.
    const later = await contract('数控机床季度保养', { maintenance_every_months: 3, maintenance_due: shift(30), maintenance_lead_days: 14 });
    const ended = await create('admin', 'service_contract', { title: '旧设备保养（已到期）', customer: customer.id, kind: 'maintenance', start_date: shift(-400), end_date: shift(-1), maintenance_interval_days: 30, maintenance_due: shift(2) });

    const run = await create('dispatcher', 'maintenance_run', {});
    expect(run.work_orders).toBe(3);
    const m = await ordersOf(monthly.id);
    expect(m.map((o) => [o.maintenance_due, o.status, o.customer, o.address, o.territory])).toEqual([[shift(10), 'new', customer.id, '苏州工业园区星湖街328号', 'east']]);
    expect(m[0].subject).toContain('空压机月度保养');
    // In the tenant's language (zh-CN), the visit's day as people write it, never an ISO date.
    expect(m[0].subject).toMatch(/^预防性维护 · 空压机月度保养 · \d{4}年\d{1,2}月\d{1,2}日$/);
    expect((await ordersOf(weekly.id)).map((o) => o.maintenance_due)).toEqual([shift(3), shift(10)]);
    expect(await ordersOf(later.id)).toEqual([]);
    expect(await ordersOf(ended.id)).toEqual([]);
    // Each schedule moved past what was made; the one not yet due kept its date.
    expect((await contractOf(monthly.id)).maintenance_due).toBe((await contractOf(monthly.id)).next_maintenance);
    expect((await contractOf(monthly.id)).maintenance_due > shift(27)).toBe(true);
    expect((await contractOf(weekly.id)).maintenance_due).toBe(shift(17));
    expect((await contractOf(later.id)).maintenance_due).toBe(shift(30));

    // A second run makes nothing; a deleted order is not made again even if the date is set back.
    expect((await create('dispatcher', 'maintenance_run', {})).work_orders).toBe(0);
    const first = m[0];
    expect((await as.admin('DELETE', `/api/records/work_order/${first.id}`, undefined, { 'If-Match': String(first.version) })).status).toBe(204);
    const c = await contractOf(monthly.id);
    expect((await as.admin('PATCH', `/api/records/service_contract/${monthly.id}`, { maintenance_due: shift(10) }, { 'If-Match': String(c.version) })).status).toBe(200);
    expect((await create('dispatcher', 'maintenance_run', {})).work_orders).toBe(0);
    expect((await contractOf(monthly.id)).maintenance_due > shift(27)).toBe(true);
    // The scheduled key is unique: the same visit cannot be entered twice by hand either.
    const w = (await ordersOf(weekly.id))[0];
    const dup = await as.admin('POST', '/api/records/work_order', { subject: 'dup', customer: customer.id, service_contract: weekly.id, maintenance_key: w.maintenance_key });
    expect([dup.status, dup.body.errors?.[0]?.field]).toEqual([409, 'maintenance_key']);
    // Engineers may not run the schedule.
    expect((await as.engineer('POST', '/api/records/maintenance_run', {})).status).toBe(403);
  });
});
