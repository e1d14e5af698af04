import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { api, provisionTenant, runDueTriggers, startTestServer, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Baoxiu-Guanhuai-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const take = (call: Call, entity: string, id: string, transition: string) => call('POST', `/api/records/${entity}/${id}/transitions/${transition}`, {});
const ymd = (d: Date) => d.toISOString().slice(0, 10);
/** A local date `days` from today in Asia/Shanghai (the tenant's zone). */
const shift = (days: number) => ymd(new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000));
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

/** Service contracts and customer care over real HTTP: maintenance reminders, warranty by serial number, birthday care, care templates per grade. */
describe('service: contracts, warranty and customer care', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let tenant: Tenant;
  const as: Record<string, Call> = {};
  const users: Record<string, string> = {};
  const rows: Record<string, Row> = {};
  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const runsOf = async (workflow: string): Promise<string[]> => (await knex.withSchema(tenant.schema).from('_wf_runs').where({ workflow }).orderBy('created_at').select('record_id')).map((r) => r.record_id);
  const carePlans = async (filter: unknown) => (await as.admin('GET', `/api/records/care_plan?limit=200&sort=date&filter=${q(filter)}`)).body.data as Row[];

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    knex = db.knex;
    ({ tenant } = await provisionTenant({ slug: 'care', adminEmail: 'admin@care.local', adminPassword: PASSWORD, plugins: ['service', 'sales'], settings: { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN' } }, { knex }));
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'care', email, password: PASSWORD })).body;
    const admin = await login('admin@care.local');
    as.admin = api(url, admin.token);
    users.admin = admin.user.id;
    for (const [who, roles] of [['lihua', ['account_manager']], ['zhou', ['service_manager']], ['guest', ['executive']]] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${who}@care.local`, password: PASSWORD, name: who, roles });
      expect(made.status).toBe(201);
      users[who] = made.body.id;
      as[who] = api(url, (await login(`${who}@care.local`)).token);
    }
    rows.customer = await create('lihua', 'customer', { name: '苏州恒信精密机械有限公司' });
    rows.product = await create('admin', 'product', { sku: 'CNC-500', name: '数控加工中心', price: 50000, category: 'hardware' });
  }, 600_000);
  afterAll(async () => close?.());

  it("reminds of maintenance visits on each contract's own number of days", async () => {
    const contract = (title: string, days?: number) =>
      create('admin', 'service_contract', { title, customer: rows.customer.id, kind: 'maintenance', start_date: '2026-01-01', end_date: '2027-12-31', maintenance_every_months: 3, maintenance_due: '2026-09-20', ...(days ? { maintenance_reminder_days: days } : {}) });
    const early = await contract('数控机床季度保养（提前10天）', 10);
    const usual = await contract('数控机床季度保养（默认）');
    expect(usual.maintenance_reminder_days).toBe(7);
    // 10 days before 2026-09-20 at 09:00 Beijing is 2026-09-10T01:00Z; the default 7 days: 2026-09-13.
    await runDueTriggers(knex, new Date('2026-09-10T00:59:00Z'));
    expect(await runsOf('service_contract_maintenance_reminder')).toEqual([]);
    await runDueTriggers(knex, new Date('2026-09-10T01:00:30Z'));
    expect(await runsOf('service_contract_maintenance_reminder')).toEqual([early.id]);
    await runDueTriggers(knex, new Date('2026-09-13T01:00:30Z'));
    expect(await runsOf('service_contract_maintenance_reminder')).toEqual([early.id, usual.id]);
  });

  it('looks a serial number up: product, customer, shipment, the covering contract and whether it is in warranty today', async () => {
    const store = await create('admin', 'warehouse', { code: 'SZ01', name: '苏州仓' });
    await create('admin', 'stock_move', { product: rows.product.id, warehouse: store.id, direction: 'in', quantity: 3, reason: 'purchase' });
    const units: Row[] = [];
    for (const n of [1, 2, 3]) units.push(await create('admin', 'serial_number', { product: rows.product.id, serial: `CNC-SZ-00${n}`, warehouse: store.id }));
    const order = await create('lihua', 'sales_order', { customer: rows.customer.id, warehouse: store.id });
    const line = await create('lihua', 'order_line', { sales_order: order.id, product: rows.product.id, quantity: 2 });
    for (const unit of units.slice(0, 2)) {
      const res = await as.admin('PATCH', `/api/records/serial_number/${unit.id}`, { order_line: line.id }, { 'If-Match': String(unit.version) });
      expect(res.status).toBe(200);
    }
    for (const t of ['confirm', 'pay', 'ship']) expect((await take(as.admin, 'sales_order', order.id, t)).status).toBe(200);
    // Unit 1: its own warranty running today; unit 2: only the customer's expired product warranty.
    const own = await create('admin', 'service_contract', { title: '数控机床原厂保修 CNC-SZ-001', customer: rows.customer.id, product: rows.product.id, serial_number: units[0].id, kind: 'warranty', start_date: shift(-100), end_date: shift(265) });
    const expired = await create('admin', 'service_contract', { title: '数控机床保修（已过期）', customer: rows.customer.id, product: rows.product.id, kind: 'warranty', start_date: shift(-800), end_date: shift(-70) });

    const inside = await as.lihua('GET', '/api/x/service/warranty/CNC-SZ-001');
    expect(inside.status, JSON.stringify(inside.body)).toBe(200);
    expect(inside.body).toMatchObject({ serial: 'CNC-SZ-001', status: 'sold', product: { id: rows.product.id, name: '数控加工中心' }, customer: { id: rows.customer.id, name: '苏州恒信精密机械有限公司' }, order: { code: order.code }, inWarranty: true, timeZone: 'Asia/Shanghai' });
    expect(inside.body.shippedOn).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(inside.body.contract.id).toBe(own.id);

    const outside = (await as.lihua('GET', '/api/x/service/warranty/CNC-SZ-002')).body;
    expect([outside.inWarranty, outside.contract?.id, outside.contracts.map((c: Row) => c.id)]).toEqual([false, expired.id, [expired.id]]);
    expect((await as.lihua('GET', '/api/x/service/warranty/CNC-SZ-003')).body).toMatchObject({ customer: null, order: null, contract: null, inWarranty: false });

    const unknown = await as.lihua('GET', '/api/x/service/warranty/NO-SUCH-UNIT');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SERVICE_SERIAL_UNKNOWN']);
    expect((await as.guest('GET', '/api/x/service/warranty/CNC-SZ-001')).status).toBe(403); // may not read serial numbers
    // The service manager reads serials and contracts: same answer.
    expect((await as.zhou('GET', '/api/x/service/warranty/CNC-SZ-001')).body.inWarranty).toBe(true);
    Object.assign(rows, { units, own, expired });
  });

  it("shows a case the warranty of its unit, else of the customer's product, else nothing", async () => {
    const kase = (data: Row) => create('admin', 'service_case', { subject: '主轴异响', customer: rows.customer.id, type: 'repair', ...data });
    const warranty = async (id: string, who = 'admin') => as[who]('GET', `/api/x/service/cases/${id}/warranty`);
    const ofUnit = await warranty((await kase({ product: rows.product.id, serial_number: rows.units[0].id })).id);
    expect(ofUnit.status, JSON.stringify(ofUnit.body)).toBe(200);
    expect(ofUnit.body).toMatchObject({ kind: 'unit', serial: 'CNC-SZ-001', inWarranty: true, contract: { id: rows.own.id } });
    expect((await warranty((await kase({ product: rows.product.id, serial_number: rows.units[1].id })).id)).body).toMatchObject({ kind: 'unit', serial: 'CNC-SZ-002', inWarranty: false, contract: { id: rows.expired.id } });
    // Only the product: the customer's contracts of it, the one covering today first.
    const ofProduct = (await warranty((await kase({ product: rows.product.id })).id)).body;
    expect(ofProduct).toMatchObject({ kind: 'product', product: { id: rows.product.id, name: '数控加工中心' }, inWarranty: true, contract: { id: rows.own.id } });
    expect(ofProduct.contracts.map((c: Row) => c.id).sort()).toEqual([rows.own.id, rows.expired.id].sort());
    expect((await warranty((await kase({})).id)).body).toEqual({ kind: 'none' });
    // A unit of another product is refused on the case (dependsOn); an unknown case is 404.
    const other = await create('admin', 'product', { sku: 'LAT-9', name: '车床', price: 1, category: 'hardware' });
    expect((await as.zhou('POST', '/api/records/service_case', { subject: '错配', customer: rows.customer.id, type: 'repair', product: other.id, serial_number: rows.units[0].id })).status).toBe(422);
    expect((await warranty('01a25129-0000-7000-8000-000000000000')).status).toBe(404);
    // Read with the caller's rights: the service manager may not read the order, so unit 2 shows only the contracts naming it (none).
    const own = await warranty((await kase({ product: rows.product.id, serial_number: rows.units[1].id })).id, 'zhou');
    expect(own.body).toMatchObject({ kind: 'unit', serial: 'CNC-SZ-002', customer: null, contract: null, inWarranty: false });
  });

  it("plans each contact's birthday care once a year, ahead of the day, for the customer's owner", async () => {
    const soon = shift(5).slice(5);
    const later = shift(40).slice(5);
    const wang = await create('lihua', 'contact', { customer: rows.customer.id, name: '王建国', birthday: `1978-${soon}` });
    await create('lihua', 'contact', { customer: rows.customer.id, name: '陈晓燕', birthday: `1985-${later}` });
    const sweep = await create('zhou', 'care_sweep', {});
    expect(sweep).toMatchObject({ days_ahead: 14, planned: 1 });
    expect((await create('zhou', 'care_sweep', {})).planned).toBe(0); // the same year: nothing again
    const plans = await carePlans({ '==': [{ var: 'kind' }, 'birthday'] });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ contact: wang.id, customer: rows.customer.id, owner_id: users.lihua, date: shift(5) });
    expect(plans[0].care_key).toMatch(/^birthday:/);
    // Written in the tenant's language (zh-CN here), one language per subject.
    expect(plans[0].subject).toBe('生日关怀 · 王建国');
    // The account owner sees it among their care plans; the schedule itself is a daily workflow.
    expect((await as.lihua('GET', `/api/records/care_plan/${plans[0].id}`)).status).toBe(200);
    expect((await as.lihua('POST', '/api/records/care_sweep', {})).status).toBe(403);
  });

  it('applies the care template of a customer’s grade: by the action, and when the customer gets that grade', async () => {
    const tpl = await create('zhou', 'care_plan_template', { name: '大客户关怀', grade: 'major' });
    expect(tpl).toMatchObject({ active: true, auto_apply: true });
    await create('zhou', 'care_plan_template_action', { template: tpl.id, kind: 'follow_up', subject: '季度回访', offset_days: 7, every_months: 3, times: 4 });
    await create('zhou', 'care_plan_template_action', { template: tpl.id, kind: 'holiday', subject: '节日问候礼品', offset_days: 30 });
    const byTemplate = { '==': [{ var: 'template' }, tpl.id] };

    // Getting the grade applies it at once (4 follow-ups three months apart, 1 greeting).
    const big = await create('lihua', 'customer', { name: '无锡华东重工集团有限公司', grade: 'major' });
    const planned = (await carePlans(byTemplate)).filter((p) => p.customer === big.id);
    expect(planned.map((p) => [p.kind, p.date])).toEqual([
      ['follow_up', shift(7)],
      ['holiday', shift(30)],
      ['follow_up', expect.any(String)],
      ['follow_up', expect.any(String)],
      ['follow_up', expect.any(String)],
    ]);
    expect(planned.every((p) => p.owner_id === users.lihua)).toBe(true);

    // A customer without the grade gets nothing until the action or the grade change; applying twice adds nothing.
    const normal = await create('lihua', 'customer', { name: '常州新锐自动化设备有限公司', grade: 'normal' });
    const refused = await as.lihua('POST', `/api/records/customer/${normal.id}/actions/apply_care_template`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'SERVICE_NO_CARE_TEMPLATE']);
    const applied = await as.lihua('POST', `/api/records/customer/${normal.id}/actions/apply_care_template`, { template: tpl.id });
    expect([applied.status, applied.body.planned]).toEqual([200, 5]);
    expect((await as.lihua('POST', `/api/records/customer/${normal.id}/actions/apply_care_template`, { template: tpl.id })).body.planned).toBe(0);
    const current = (await as.lihua('GET', `/api/records/customer/${normal.id}`)).body;
    expect((await as.lihua('PATCH', `/api/records/customer/${normal.id}`, { grade: 'major' }, { 'If-Match': String(current.version) })).status).toBe(200);
    expect((await carePlans(byTemplate)).filter((p) => p.customer === normal.id)).toHaveLength(5);
    // Someone else's customer: the action is refused by the record scope.
    const other = await create('admin', 'customer', { name: '南京远航物流有限公司', grade: 'normal' });
    expect((await as.lihua('POST', `/api/records/customer/${other.id}/actions/apply_care_template`, { template: tpl.id })).status).toBe(404);
  });
});
