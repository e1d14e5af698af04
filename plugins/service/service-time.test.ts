import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, runDueTriggers, startTestServer, type Tenant } from '../../core/plugins/testing.js';
import type { Knex } from 'knex';

const PASSWORD = 'Kefu-Time-2026';
const lunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
/** Beijing time, weekdays with a lunch break, National Day and Spring Festival holidays, a make-up Saturday. */
const SETTINGS = {
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  locale: 'zh-CN',
  businessCalendar: {
    workingHours: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch },
    holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ date })),
    adjustedWorkdays: [{ date: '2026-02-14', name: '春节调休上班' }],
  },
};

/** SLA due times in business hours of the tenant's calendar, and reminders on each record's own days. */
describe('service: business time', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let tenant: Tenant;
  let admin: ReturnType<typeof api>;
  let customer: string;
  const runsOf = async (workflow: string): Promise<string[]> => (await knex.withSchema(tenant.schema).from('_wf_runs').where({ workflow }).orderBy('created_at').select('record_id')).map((r) => r.record_id);
  const create = async (entity: string, data: Record<string, unknown>) => {
    const res = await admin('POST', `/api/records/${entity}`, data);
    expect(res.status).toBe(201);
    return res.body as Record<string, unknown>;
  };

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    knex = db.knex;
    ({ tenant } = await provisionTenant({ slug: 'svc_time', adminEmail: 'admin@svc-time.local', adminPassword: PASSWORD, plugins: ['service'], settings: SETTINGS }, { knex }));
    admin = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'svc_time', email: 'admin@svc-time.local', password: PASSWORD })).body.token);
    customer = String((await create('customer', { name: '苏州工业园区恒信精密机械有限公司' })).id);
  });
  afterAll(async () => close?.());

  it('counts SLA hours from the service_sla dictionary on the business calendar: over a weekend, a holiday and a make-up day', async () => {
    const sla = async (reported: string, priority: string) => (await create('service_case', { subject: '设备告警', customer, type: 'repair', priority, reported_at: reported })).sla_due;
    // Friday 17:00 Beijing + 4 h (urgent): one hour on Friday, three on Monday morning → Monday 12:00.
    expect(await sla('2026-03-06T09:00:00Z', 'urgent')).toBe('2026-03-09T04:00:00.000Z');
    // Wednesday 2026-09-30 17:00 + 8 h (high): National Day holidays → Thursday 2026-10-08 17:30.
    expect(await sla('2026-09-30T09:00:00Z', 'high')).toBe('2026-10-08T09:30:00.000Z');
    // Friday 2026-02-13 17:00 + 4 h: Saturday 2026-02-14 is a make-up workday → 12:00 that day.
    expect(await sla('2026-02-13T09:00:00Z', 'urgent')).toBe('2026-02-14T04:00:00.000Z');
    // Lunch is not working time: Monday 11:00 + 4 h → 16:30.
    expect(await sla('2026-03-09T03:00:00Z', 'urgent')).toBe('2026-03-09T08:30:00.000Z');
  });

  it("reminds of care plans and renewals on each record's own number of days, at 09:00 in the tenant zone", async () => {
    const week = await create('care_plan', { customer, kind: 'birthday', subject: '生日祝福（提前7天）', date: '2026-06-20', remind_days: 7 });
    const usual = await create('care_plan', { customer, kind: 'birthday', subject: '生日祝福（默认3天）', date: '2026-06-20' });
    expect(usual.remind_days).toBe(3);
    // 7 days before 2026-06-20 at 09:00 Beijing is 2026-06-13T01:00Z.
    await runDueTriggers(knex, new Date('2026-06-13T00:59:00Z'));
    expect(await runsOf('care_plan_reminder')).toEqual([]);
    await runDueTriggers(knex, new Date('2026-06-13T01:00:30Z'));
    expect(await runsOf('care_plan_reminder')).toEqual([week.id]);
    await runDueTriggers(knex, new Date('2026-06-17T01:00:30Z'));
    expect(await runsOf('care_plan_reminder')).toEqual([week.id, usual.id]);

    const contract = (title: string, days?: number) =>
      create('service_contract', { title, customer, kind: 'warranty', start_date: '2025-09-01', end_date: '2026-08-31', ...(days ? { renewal_reminder_days: days } : {}) });
    const early = await contract('服务器原厂保修（提前45天）', 45);
    const standard = await contract('交换机延保（默认）');
    // 45 days before 2026-08-31 is 2026-07-17, at 09:00 Beijing; the default 30 days: 2026-08-01.
    await runDueTriggers(knex, new Date('2026-07-17T01:00:30Z'));
    expect(await runsOf('service_contract_renewal')).toEqual([early.id]);
    await runDueTriggers(knex, new Date('2026-08-01T01:00:30Z'));
    expect(await runsOf('service_contract_renewal')).toEqual([early.id, standard.id]);
  });
});
