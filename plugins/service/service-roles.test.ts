import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessHours, DEFAULT_CALENDAR } from '../../core/index.js';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Kefu-Demo-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

const viewFilter = (name: string): unknown => JSON.parse(readFileSync(new URL(`./views/${name}.json`, import.meta.url), 'utf8')).filter;
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

/** The service case lifecycle, the reference roles extended for service, and the demo data, over real HTTP. */
describe('service: case lifecycle, roles and demo data', () => {
  let close: () => Promise<void>;
  let runsOf: (workflow: string) => Promise<{ record_id: string }[]>;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    const { tenant } = await provisionTenant({ slug: 'svc', adminEmail: 'admin@svc.local', adminPassword: PASSWORD, plugins: ['service'], demoData: true }, { knex: db.knex });
    runsOf = (workflow) => db.knex.withSchema(tenant.schema).from('_wf_runs').where({ workflow }).orderBy('created_at').select('record_id');
    for (const login of ['admin', 'lihua', 'wangqiang', 'director', 'ceo', 'service']) {
      const res = await api(url)('POST', '/api/auth/login', { tenant: 'svc', email: `${login}@svc.local`, password: PASSWORD });
      expect(res.status).toBe(200);
      as[login] = api(url, res.body.token);
      ids[login] = res.body.user.id;
    }
  });
  afterAll(async () => close?.());

  const rows = async (who: string, entity: string, params = '') => {
    const res = await as[who]('GET', `/api/records/${entity}?limit=500${params}`);
    expect(res.status).toBe(200);
    return res.body.data as Row[];
  };
  const ownCustomers = async (who: string) => new Set((await rows(who, 'customer', '&fields=id')).map((c) => c.id as string));
  const transition = (who: string, id: string, name: string) => as[who]('POST', `/api/records/service_case/${id}/transitions/${name}`);
  const patch = async (who: string, id: string, data: Row) => {
    const current = await as[who]('GET', `/api/records/service_case/${id}`);
    return as[who]('PATCH', `/api/records/service_case/${id}`, data, { 'If-Match': String(current.body.version) });
  };

  it('seeds 150 cases across every state through their transitions, with the knowledge base, contracts and care plans', async () => {
    const cases = await rows('admin', 'service_case', '&fields=id,status,type,handler,satisfaction,overdue');
    expect(cases).toHaveLength(150);
    const byStatus = (s: string) => cases.filter((c) => c.status === s).length;
    for (const s of ['new', 'assigned', 'handled', 'feedback', 'archived']) expect(byStatus(s)).toBeGreaterThanOrEqual(15);
    expect(new Set(cases.map((c) => c.type))).toEqual(new Set(['consultation', 'complaint', 'suggestion', 'repair']));
    expect(cases.filter((c) => c.status !== 'new').every((c) => c.handler === ids.admin)).toBe(true);
    expect(cases.filter((c) => ['feedback', 'archived'].includes(c.status)).every((c) => c.satisfaction >= 1)).toBe(true);
    expect(cases.some((c) => c.overdue)).toBe(true);
    expect(await runsOf('service_case_assigned')).toEqual([]);

    const archived = cases.find((c) => c.status === 'archived')!;
    const history = (await as.admin('GET', `/api/records/service_case/${archived.id}/history`)).body.data as Row[];
    const steps = history.map((h) => h.action).filter((a: string) => a.startsWith('transition:')).reverse();
    expect(steps.slice(0, 3)).toEqual(['transition:assign', 'transition:handle', 'transition:feedback']);
    expect(steps.at(-1)).toBe('transition:archive');
    expect(history.find((h) => h.action === 'transition:assign')?.changes).toMatchObject({ status: ['new', 'assigned'] });

    const subject = (await rows('admin', 'service_case', '&fields=subject'))[0].subject as string;
    expect(subject).toMatch(/[\u4e00-\u9fa5]{4,}/);
    expect((await rows('admin', 'solution', '&fields=id')).length).toBe(20);
    expect((await rows('admin', 'service_contract', '&fields=id')).length).toBe(60);
    expect((await rows('admin', 'care_plan', '&fields=id')).length).toBeGreaterThanOrEqual(80);
    expect((await rows('admin', 'care_plan_template', '&fields=grade')).map((t) => t.grade).sort()).toEqual(['major', 'partner', 'strategic']);
    expect((await rows('admin', 'care_plan', `&filter=${q({ '!!': [{ var: 'template' }] })}&fields=id`)).length).toBeGreaterThan(0);
    expect((await rows('admin', 'contact', `&filter=${q({ '!!': [{ var: 'birthday' }] })}&fields=id`)).length).toBeGreaterThanOrEqual(35);
    expect((await rows('admin', 'service_contract', `&filter=${q(viewFilter('service_contract_expiring'))}&fields=days_to_expiry`)).length).toBeGreaterThanOrEqual(8);
  });

  it('an account manager sees only the cases, contracts and care plans of own customers', async () => {
    const mine = await ownCustomers('lihua');
    const theirs = await ownCustomers('wangqiang');
    const all = await rows('director', 'service_case', '&fields=customer');
    const cases = await rows('lihua', 'service_case', '&fields=customer');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.length).toBeLessThan(all.length);
    expect(cases.every((c) => mine.has(c.customer))).toBe(true);
    expect(cases.length).toBe(all.filter((c) => mine.has(c.customer)).length);
    for (const entity of ['service_contract', 'care_plan']) {
      const own = await rows('lihua', entity, '&fields=customer');
      expect(own.every((c) => mine.has(c.customer))).toBe(true);
    }
    const foreign = all.find((c) => theirs.has(c.customer))!;
    expect((await as.lihua('GET', `/api/records/service_case/${foreign.id}`)).status).toBe(404);
    const refused = await as.lihua('POST', '/api/records/service_case', { subject: '替同事的客户报修', customer: [...theirs][0], type: 'repair' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CUSTOMER_NOT_VISIBLE');
  });

  it('takes a case through create → assign → handle → feedback → archive with role and guard refusals and a history of each step', async () => {
    const customer = [...(await ownCustomers('lihua'))][0];
    const made = await as.lihua('POST', '/api/records/service_case', { subject: '机架式服务器风扇噪音异常', customer, type: 'repair', priority: 'high', description: '客户来电反映机房噪音大' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'new', priority: 'high', handler: null, owner_id: ids.lihua });
    // 8 business hours (service_sla) on the tenant's calendar: the default, UTC weekdays 09:00–18:00
    expect(made.body.sla_due).toBe(addBusinessHours(made.body.reported_at, 8, DEFAULT_CALENDAR, 'UTC'));
    const id = made.body.id as string;

    expect((await transition('lihua', id, 'assign')).status).toBe(403);
    expect((await as.lihua('POST', `/api/records/service_case/${id}/actions/assign`, { handler: ids.lihua })).status).toBe(403);
    expect((await patch('lihua', id, { handler: ids.lihua })).status).toBe(403);
    expect((await transition('director', id, 'assign')).status).toBe(422);
    expect((await transition('lihua', id, 'handle')).status).toBe(409);
    expect((await patch('lihua', id, { status: 'assigned' })).status).toBe(422);
    expect((await as.director('POST', `/api/records/service_case/${id}/actions/assign`, {})).status).toBe(400);
    expect((await as.director('POST', `/api/records/service_case/${id}/actions/assign`, { handler: '0190f0f0-0000-7000-8000-000000000001' })).status).toBe(422);

    const assigned = await as.director('POST', `/api/records/service_case/${id}/actions/assign`, { handler: ids.lihua });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', handler: ids.lihua });
    expect(assigned.body.assigned_at).toBeTruthy();
    expect((await as.lihua('GET', `/api/records/service_case?fields=id&filter=${q(viewFilter('service_case_mine'))}`)).body.data.map((c: Row) => c.id)).toEqual([id]);

    expect((await transition('lihua', id, 'handle')).status).toBe(422);
    expect((await patch('lihua', id, { handling_notes: '清洁散热系统并更换风扇，噪音恢复正常。' })).status).toBe(200);
    const handled = await transition('lihua', id, 'handle');
    expect(handled.status).toBe(200);
    expect(handled.body).toMatchObject({ status: 'handled', overdue: false });
    expect(handled.body.handled_at).toBeTruthy();

    expect((await transition('lihua', id, 'feedback')).status).toBe(422);
    expect((await transition('lihua', id, 'archive')).status).toBe(409);
    expect((await patch('lihua', id, { satisfaction: 2, feedback: '噪音仍然偏大' })).status).toBe(200);
    expect((await transition('lihua', id, 'feedback')).body).toMatchObject({ status: 'feedback', satisfaction: 2 });

    expect((await transition('lihua', id, 'reopen')).body).toMatchObject({ status: 'assigned', handler: ids.lihua });
    expect((await transition('lihua', id, 'handle')).status).toBe(200);
    expect((await patch('lihua', id, { satisfaction: 5, feedback: '更换静音风扇后非常满意' })).status).toBe(200);
    expect((await transition('lihua', id, 'feedback')).status).toBe(200);
    const archived = await transition('lihua', id, 'archive');
    expect(archived.body).toMatchObject({ status: 'archived', satisfaction: 5 });
    expect((await transition('lihua', id, 'archive')).status).toBe(409);

    const history = (await as.director('GET', `/api/records/service_case/${id}/history`)).body.data as Row[];
    expect(history.map((h) => h.action).reverse().filter((a: string) => a !== 'update')).toEqual([
      'create',
      'transition:assign',
      'action:assign',
      'transition:handle',
      'transition:feedback',
      'transition:reopen',
      'transition:handle',
      'transition:feedback',
      'transition:archive',
    ]);
    const assignEntry = history.find((h) => h.action === 'transition:assign');
    expect(assignEntry?.changes).toMatchObject({ status: ['new', 'assigned'], handler: [null, ids.lihua] });
    expect(history.find((h) => h.action === 'transition:reopen')?.changes).toMatchObject({ status: ['feedback', 'assigned'] });
  });

  it('the service manager assigns any case; the assign action hands an assigned case over and refuses other states', async () => {
    const theirs = [...(await ownCustomers('wangqiang'))][0];
    const made = await as.service('POST', '/api/records/service_case', { subject: '咨询年度维保服务续约', customer: theirs, type: 'consultation' });
    expect(made.status).toBe(201);
    const assign = (who: string, handler: string) => as[who]('POST', `/api/records/service_case/${made.body.id}/actions/assign`, { handler });
    expect((await assign('service', ids.wangqiang)).body).toMatchObject({ status: 'assigned', handler: ids.wangqiang });
    expect((await assign('director', ids.service)).body).toMatchObject({ status: 'assigned', handler: ids.service });
    expect((await as.wangqiang('GET', `/api/records/service_case/${made.body.id}`)).body.handler).toBe(ids.service);
    const before = (await runsOf('service_case_assigned')).length;
    expect((await patch('director', made.body.id, { handler: ids.wangqiang })).status).toBe(200);
    expect((await runsOf('service_case_assigned')).slice(before)).toEqual([{ record_id: made.body.id }]);
    expect((await patch('wangqiang', made.body.id, { description: '客户希望下周上门' })).status).toBe(200);
    expect(await runsOf('service_case_assigned')).toHaveLength(before + 1);
    const archived = (await rows('admin', 'service_case', `&fields=id&filter=${q({ '==': [{ var: 'status' }, 'archived'] })}`))[0];
    const refused = await as.service('POST', `/api/records/service_case/${archived.id}/actions/assign`, { handler: ids.service });
    expect(refused.status).toBe(409);
  });

  it('the executive reads service and its reports and changes nothing', async () => {
    const cases = await rows('ceo', 'service_case', '&fields=id');
    expect(cases.length).toBeGreaterThanOrEqual(152);
    const customer = [...(await ownCustomers('lihua'))][0];
    expect((await as.ceo('POST', '/api/records/service_case', { subject: '高管不能建服务', customer, type: 'suggestion' })).status).toBe(403);
    expect((await as.ceo('POST', `/api/records/service_case/${cases[0].id}/actions/assign`, { handler: ids.ceo })).status).toBe(403);
    const complaints = await rows('ceo', 'service_case', `&fields=type&filter=${q(viewFilter('service_case_complaints'))}`);
    expect(complaints.length).toBeGreaterThan(0);
    expect(complaints.every((c) => c.type === 'complaint')).toBe(true);
  });

  it('runs the service reports under each user\'s scope', async () => {
    const run = async (who: string, report: string) => {
      const res = await as[who]('POST', `/api/reports/${report}/run`, {});
      expect(res.status).toBe(200);
      return res.body as { rows: Row[] };
    };
    const total = (r: { rows: Row[] }, key: string) => r.rows.reduce((n, row) => n + Number(row[key]), 0);
    const all = (await rows('ceo', 'service_case', '&fields=id')).length;
    expect(total(await run('ceo', 'service_cases_by_type'), 'cases')).toBe(all);
    expect(total(await run('lihua', 'service_cases_by_type'), 'cases')).toBe((await rows('lihua', 'service_case', '&fields=id')).length);
    const quality = await run('director', 'complaints_by_product');
    expect(total(quality, 'complaints')).toBe((await rows('director', 'service_case', `&fields=id&filter=${q({ '==': [{ var: 'type' }, 'complaint'] })}`)).length);
    expect(quality.rows[0]['product.name']).toBeTruthy();
    const months = await run('ceo', 'satisfaction_by_month');
    expect(months.rows.length).toBeGreaterThanOrEqual(6);
    for (const row of months.rows) expect(row.avg_satisfaction).toBeGreaterThanOrEqual(1);
    const handlers = await run('service', 'service_by_handler');
    expect(handlers.rows.map((r) => r.handler)).toEqual(expect.arrayContaining([ids.admin, ids.lihua]));
    const care = await run('director', 'care_activity');
    expect(total(care, 'completed')).toBeGreaterThan(0);
    expect(total(care, 'plans')).toBe((await rows('director', 'care_plan', '&fields=id')).length);
    expect(total(await run('ceo', 'contracts_by_kind'), 'contracts')).toBe(60);
    expect((await run('ceo', 'sla_by_priority')).rows.length).toBeGreaterThan(1);
    const listed = (await as.ceo('GET', '/api/reports')).body.data.map((r: { name: string }) => r.name);
    expect(listed).toEqual(expect.arrayContaining(['service_cases_by_type', 'service_by_handler', 'complaints_by_product', 'satisfaction_by_month', 'care_activity']));
  });
});
