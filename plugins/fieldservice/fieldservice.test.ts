import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Xianchang-Demo-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** Field service over real HTTP: the board and the engineer's day, dispatch by skill, territory and free time, the engineer's day, parts from stock. */
describe('fieldservice: dispatch, the engineer’s day and parts', () => {
  let close: () => Promise<void>;
  let serverUrl = '';
  const as: Record<string, Call> = {};
  const userIds: Record<string, string> = {};
  const engineers: Record<string, Row> = {};

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    serverUrl = url;
    await provisionTenant({ slug: 'fs', adminEmail: 'admin@fs.local', adminPassword: PASSWORD, plugins: ['fieldservice'] }, { knex: db.knex });
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'fs', email, password: PASSWORD })).body;
    const admin = await login('admin@fs.local');
    as.admin = api(url, admin.token);
    userIds.admin = admin.user.id;
    for (const [name, role] of [['dispatcher', 'dispatcher'], ['engineer', 'engineer'], ['engineer2', 'engineer']]) {
      const created = await as.admin('POST', '/api/users', { email: `${name}@fs.local`, password: PASSWORD, name, roles: [role] });
      expect(created.status).toBe(201);
      userIds[name] = created.body.id;
      as[name] = api(url, (await login(`${name}@fs.local`)).token);
    }
    const make = async (entity: string, values: Row) => {
      const res = await as.admin('POST', `/api/records/${entity}`, values);
      expect(res.status).toBe(201);
      return res.body as Row;
    };
    await make('customer', { name: '苏州恒信精密机械有限公司', region: 'east', address: '苏州工业园区星湖街328号' });
    const warehouse = await make('warehouse', { code: 'SZ01', name: '苏州仓' });
    const cable = await make('product', { sku: 'AC-CABLE-6', name: '六类网线', price: 680 });
    await make('stock_move', { product: cable.id, warehouse: warehouse.id, direction: 'in', quantity: 20, reason: 'purchase' });
    const team: [string, string, string[], [string, number][]][] = [
      ['马超', 'engineer', ['east', 'north'], [['installation', 5], ['repair', 3]]],
      ['郭强', 'engineer2', ['north'], [['electrical', 5]]],
    ];
    for (const [name, user, territories, skills] of team) {
      engineers[name] = await make('engineer', { name, login_user: userIds[user], territories, active: true });
      for (const [skill, level] of skills) await make('engineer_skill', { engineer: engineers[name].id, skill, level });
    }
  }, 600_000);
  afterAll(async () => close?.());

  const newOrder = async (values: Row): Promise<Row> => {
    const customer = (await as.admin('GET', '/api/records/customer?limit=1&fields=id')).body.data[0];
    const res = await as.dispatcher('POST', '/api/records/work_order', { subject: 'Test job', customer: customer.id, ...values });
    expect(res.status).toBe(201);
    return res.body;
  };
  const dispatch = (id: string, body: Row, headers?: Record<string, string>) => as.dispatcher('POST', `/api/records/work_order/${id}/actions/dispatch`, body, headers);

  it('gives the dispatcher the board and the engineer their own day', async () => {
    const day = (await as.engineer('GET', '/api/x/fieldservice/my-day')).body;
    expect(day.engineer.name).toBe('马超');
    const order = await newOrder({});
    expect(order.territory).toBe('east');
    expect(order.address).toBe('苏州工业园区星湖街328号');
    const board = (await as.dispatcher('GET', '/api/x/fieldservice/board?days=14')).body;
    expect(board.engineers.map((e: Row) => e.name).sort()).toEqual(['郭强', '马超'].sort());
    expect(board.unassigned.map((o: Row) => o.id)).toContain(order.id);
    expect((await as.dispatcher('GET', '/api/x/fieldservice/board?days=99')).status).toBe(400);
  });

  it('refuses an engineer without the skill or outside the territory, in both languages', async () => {
    const order = await newOrder({ required_skill: 'electrical', required_level: 4, territory: 'east' });
    const times = { scheduled_start: '2030-01-07T01:00:00Z', scheduled_end: '2030-01-07T03:00:00Z' };
    const refused = await dispatch(order.id, { engineer: engineers['马超'].id, ...times });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('FIELDSERVICE_SKILL_MISSING');
    expect(refused.body.detail).toContain('Electrical');
    expect((await as.admin('PATCH', `/api/users/${userIds.dispatcher}`, { locale: 'zh-CN' })).status).toBe(200);
    const zh = await dispatch(order.id, { engineer: engineers['马超'].id, ...times });
    expect(zh.body.detail).toBe('马超 不具备等级 4 及以上的技能「电气」。');
    await as.admin('PATCH', `/api/users/${userIds.dispatcher}`, { locale: 'en' });
    const outside = await dispatch(order.id, { engineer: engineers['郭强'].id, ...times });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('FIELDSERVICE_OUTSIDE_TERRITORY');
    expect((await as.admin('GET', `/api/records/work_order/${order.id}`)).body.status).toBe('new');
    expect((await dispatch(order.id, { engineer: 'nobody' })).status).toBe(400);
    const patched = await as.dispatcher('PATCH', `/api/records/work_order/${order.id}`, { engineer: engineers['马超'].id }, { 'If-Match': String(order.version) });
    expect(patched.status).toBe(422);
    expect(patched.body.code).toBe('FIELDSERVICE_SKILL_MISSING');
  });

  it('reports an overlap with another job of the engineer, and assigns anyway when told', async () => {
    const first = await newOrder({ required_skill: 'installation', required_level: 2, territory: 'east' });
    const second = await newOrder({ territory: 'east' });
    const engineer = engineers['马超'].id;
    expect((await dispatch(first.id, { engineer, scheduled_start: '2030-01-08T01:00:00Z', scheduled_end: '2030-01-08T03:00:00Z' })).status).toBe(200);
    const clash = await dispatch(second.id, { engineer, scheduled_start: '2030-01-08T02:00:00Z', scheduled_end: '2030-01-08T04:00:00Z' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('FIELDSERVICE_OVERLAP');
    expect(clash.body.conflicts.map((c: Row) => c.id)).toEqual([first.id]);
    const forced = await dispatch(second.id, { engineer, scheduled_start: '2030-01-08T02:00:00Z', scheduled_end: '2030-01-08T04:00:00Z', allow_overlap: true });
    expect(forced.status).toBe(200);
    expect(forced.body.record.status).toBe('scheduled');
    expect(forced.body.warnings[0].code).toBe('OVERLAP');
  });

  it('counts an overlapping job the dispatcher may not see, without naming it', async () => {
    // A dispatcher of the north territory only: the east jobs are outside what she may read.
    const role = JSON.parse(readFileSync(new URL('./roles/dispatcher.json', import.meta.url), 'utf8'));
    delete role.id;
    delete role.$schema;
    role.name = 'north_dispatcher';
    role.label = { en: 'North dispatcher', 'zh-CN': '北区调度员' };
    role.entities.work_order = { ...role.entities.work_order, read: { '==': [{ var: 'territory' }, 'north'] }, update: { '==': [{ var: 'territory' }, 'north'] } };
    expect((await as.admin('PUT', '/api/studio/role/north_dispatcher', role)).status).toBe(200);
    expect((await as.admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const made = await as.admin('POST', '/api/users', { email: 'north@fs.local', password: PASSWORD, name: 'north', roles: ['north_dispatcher'] });
    expect(made.status).toBe(201);
    const north = api(serverUrl, (await api(serverUrl)('POST', '/api/auth/login', { tenant: 'fs', email: 'north@fs.local', password: PASSWORD })).body.token);

    const east = await newOrder({ territory: 'east' });
    const engineer = engineers['马超'].id;
    const at = { scheduled_start: '2030-01-10T01:00:00Z', scheduled_end: '2030-01-10T03:00:00Z' };
    expect((await dispatch(east.id, { engineer, ...at })).status).toBe(200);
    const job = await north('POST', '/api/records/work_order', { subject: 'North job', customer: (await as.admin('GET', '/api/records/customer?limit=1&fields=id')).body.data[0].id, territory: 'north' });
    expect(job.status).toBe(201);
    expect((await north('GET', `/api/records/work_order/${east.id}`)).status).toBe(404);
    const clash = await north('POST', `/api/records/work_order/${job.body.id}/actions/dispatch`, { engineer, scheduled_start: '2030-01-10T02:00:00Z', scheduled_end: '2030-01-10T04:00:00Z' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'FIELDSERVICE_OVERLAP_UNSEEN', conflicts: [], unseen: 1 });
    expect(clash.body.detail).toBe('马超 already has 1 job(s) at that time, 1 of them outside what you may see. Check with whoever dispatches those, or assign anyway.');
    expect(JSON.stringify(clash.body)).not.toContain(east.id);
    // In Chinese for a reader of Chinese.
    expect((await as.admin('PATCH', `/api/users/${made.body.id}`, { locale: 'zh-CN' })).status).toBe(200);
    const zh = await north('POST', `/api/records/work_order/${job.body.id}/actions/dispatch`, { engineer, scheduled_start: '2030-01-10T02:00:00Z', scheduled_end: '2030-01-10T04:00:00Z' });
    expect(zh.body.detail).toBe('马超 在该时间段已有 1 个工单，其中 1 个您无权查看。请与负责这些工单的调度员确认，或仍然派工。');
  });

  it('lets the engineer start and finish their own job with times, and issues parts from stock', async () => {
    const order = await newOrder({ territory: 'east' });
    const warehouse = (await as.admin('GET', '/api/records/warehouse?limit=1')).body.data[0];
    expect((await dispatch(order.id, { engineer: engineers['马超'].id, scheduled_start: '2030-01-09T01:00:00Z', scheduled_end: '2030-01-09T03:00:00Z' })).status).toBe(200);
    expect((await as.engineer2('GET', `/api/records/work_order/${order.id}`)).status).toBe(404);
    const started = await as.engineer('POST', `/api/records/work_order/${order.id}/transitions/start`);
    expect(started.status).toBe(200);
    expect(Date.parse(started.body.started_at)).toBeGreaterThan(Date.now() - 60_000);

    const cable = (await as.admin('GET', `/api/records/product?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'sku' }, 'AC-CABLE-6'] }))}`)).body.data[0];
    const stockFilter = encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'product' }, cable.id] }, { '==': [{ var: 'warehouse' }, warehouse.id] }] }));
    const onHand = async () => Number((await as.admin('GET', `/api/records/stock?filter=${stockFilter}`)).body.data[0].quantity);
    const before = await onHand();
    const part = await as.engineer('POST', '/api/records/work_order_part', { work_order: order.id, product: cable.id, warehouse: warehouse.id, quantity: 2 });
    expect(part.status).toBe(201);
    expect(part.body.stock_move).toBeTruthy();
    expect(await onHand()).toBe(before - 2);
    const tooMany = await as.engineer('POST', '/api/records/work_order_part', { work_order: order.id, product: cable.id, warehouse: warehouse.id, quantity: 1_000_000 });
    expect(tooMany.status).toBe(409);
    expect(await onHand()).toBe(before - 2);

    const finished = await as.engineer('POST', `/api/records/work_order/${order.id}/transitions/finish`);
    expect(finished.status).toBe(200);
    expect(finished.body.status).toBe('done');
    expect(finished.body.finished_at >= finished.body.started_at).toBe(true);
    expect(finished.body.work_minutes).toBe(0);
    const late = await as.engineer('POST', '/api/records/work_order_part', { work_order: order.id, product: cable.id, warehouse: warehouse.id, quantity: 1 });
    expect(late.status).toBe(409);
  });
});
