import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, localDateOf, updateRecord } from '../../core/index.js';
import { TEST_ACTOR, checkPluginMetadata, handlePluginRoute, installPlugin, openTestTenant, runRecordAction, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
const count = (table: string, where: Record<string, unknown> = {}) =>
  t.inTenant(async (trx) => Number((await trx(table).where(where).count({ n: '*' }))[0].n));

beforeAll(async () => {
  t = await openTestTenant('customers_demo');
});
afterAll(() => t?.close());

describe('customers plugin', () => {
  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('customers')).toEqual([]);
  });

  it('installs with demo data that reads like a real CRM', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'customers', withDemoData: true }, ctx());
    expect(result.seeded.customer).toBe(200);
    expect(result.seeded.contact).toBeGreaterThanOrEqual(400);
    expect(result.seeded.activity).toBeGreaterThanOrEqual(400);
    expect(await count('customer')).toBe(200);
    const customers = await t.inTenant((trx) => trx('customer').orderBy('code').select('code', 'name', 'grade', 'region'));
    expect(customers[0].code).toBe('KH000001');
    expect(customers[199].code).toBe('KH000200');
    expect(new Set(customers.map((c) => c.name)).size).toBe(200);
    expect(customers.every((c) => /^[\u4e00-\u9fa5]+(有限公司|股份有限公司|集团有限公司)$/.test(c.name))).toBe(true);
    const contact = await t.inTenant((trx) => trx('contact').first('name', 'email'));
    expect(contact.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    expect(await count('activity', {})).toBe(result.seeded.activity);
    const meta = await t.meta();
    expect(meta.entities.customer.label).toEqual({ en: 'Customer', 'zh-CN': '客户' });
    expect(meta.dictionaries.customer_grade.items.map((i) => i.value)).toContain('major');
  });

  it('pauses and confirms churn through record actions', async () => {
    const loss = await t.inTenant((trx) => trx('customer_loss').where({ status: 'warning' }).first('id', 'customer'));
    const act = (action: string, params: Record<string, unknown>) =>
      runRecordAction({ tenant: t.tenant, entity: 'customer_loss', id: loss.id, action, params }, ctx());
    const paused = (await act('pause_churn', { measures: '总经理亲自拜访，给予九折优惠' })) as Record<string, unknown>;
    expect(paused).toMatchObject({ status: 'paused', pause_measures: expect.stringContaining('九折优惠') });
    await expect(act('confirm_churn', {})).rejects.toMatchObject({ status: 400 });
    expect(await act('confirm_churn', { reason: '客户被竞争对手收购' })).toMatchObject({ status: 'confirmed', reason: '客户被竞争对手收购' });
    expect(await t.inTenant((trx) => trx('customer').where({ id: loss.customer }).first('status'))).toEqual({ status: 'lost' });
    await expect(act('confirm_churn', { reason: 'again' })).rejects.toMatchObject({ status: 409 });
    await expect(act('no_such_action', {})).rejects.toMatchObject({ status: 404 });
    expect(await count('_history', { entity: 'customer_loss', record_id: loss.id, action: 'update' })).toBe(2);
    expect(await count('_history', { entity: 'customer_loss', record_id: loss.id, action: 'action:pause_churn' })).toBe(1);
    expect(await count('_history', { entity: 'customer_loss', record_id: loss.id, action: 'action:confirm_churn' })).toBe(1);
  });

  it('confirms a churn once when two confirm it at the same time', async () => {
    const loss = await t.inTenant((trx) => trx('customer_loss').where({ status: 'warning' }).first('id'));
    const tenant = await t.current();
    const confirm = (reason: string) => runRecordAction({ tenant, entity: 'customer_loss', id: loss.id, action: 'confirm_churn', params: { reason } }, ctx());
    const results = await Promise.allSettled([confirm('价格原因'), confirm('服务原因')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
    expect(await count('_history', { entity: 'customer_loss', record_id: loss.id, action: 'update' })).toBe(1);
  });

  it('seeds contacts in reporting chains with an evaluation, and activities with a time on their day', async () => {
    const contacts = await t.inTenant((trx) => trx('contact').select('id', 'customer', 'reports_to', 'decision_role', 'attitude', 'rating'));
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const tops = contacts.filter((c) => !c.reports_to);
    expect(tops).toHaveLength(200); // one decision maker on top at each customer
    expect(tops.every((c) => c.decision_role === 'decision_maker')).toBe(true);
    expect(contacts.filter((c) => c.reports_to).every((c) => byId.get(c.reports_to)?.customer === c.customer)).toBe(true);
    expect(contacts.some((c) => c.reports_to && byId.get(c.reports_to)?.reports_to)).toBe(true); // chains, not only stars
    expect(contacts.every((c) => c.attitude && c.rating >= 1 && c.rating <= 5)).toBe(true);
    expect(new Set(contacts.map((c) => c.attitude))).toEqual(new Set(['supporter', 'neutral', 'opponent']));
    const zone = await t.withRecords(async (c) => c.time?.timeZone ?? 'UTC');
    const activities = await t.inTenant((trx) => trx('activity').select(trx.raw(`to_char(date, 'YYYY-MM-DD') as date`), 'starts_at'));
    expect(activities.every((a) => a.starts_at && localDateOf(new Date(a.starts_at), zone) === a.date)).toBe(true);
  });

  it('keeps the reporting chain within the customer and free of loops', async () => {
    const [a, b] = await t.inTenant((trx) => trx('customer').orderBy('code').limit(2).select('id'));
    const made = await t.withRecords(async (ctx) => {
      const boss = await createRecord('contact', { customer: a.id, name: '上级' }, ctx);
      const mid = await createRecord('contact', { customer: a.id, name: '中层', reports_to: boss.id }, ctx);
      const low = await createRecord('contact', { customer: a.id, name: '员工', reports_to: mid.id }, ctx);
      return { boss, mid, low };
    });
    const update = (id: unknown, version: unknown, patch: Record<string, unknown>) =>
      t.withRecords((ctx) => updateRecord('contact', String(id), patch, ctx, { ifMatch: Number(version) }));
    await expect(update(made.boss.id, made.boss.version, { reports_to: made.low.id })).rejects.toMatchObject({ status: 422, code: 'REPORTS_TO_CYCLE', details: { errors: [{ field: 'reports_to' }] } });
    await expect(update(made.mid.id, made.mid.version, { reports_to: made.mid.id })).rejects.toMatchObject({ status: 422, code: 'REPORTS_TO_CYCLE' });
    await expect(t.withRecords((ctx) => createRecord('contact', { customer: b.id, name: '外人', reports_to: made.boss.id }, ctx))).rejects.toMatchObject({ status: 422, details: { errors: [{ field: 'reports_to', code: 'REFERENCE_MISMATCH' }] } });
    expect(await update(made.low.id, made.low.version, { reports_to: made.boss.id })).toMatchObject({ reports_to: made.boss.id });
    expect(await t.inTenant((trx) => trx('contact').where({ id: made.boss.id }).first('reports_to'))).toEqual({ reports_to: null });
  });

  it('dates an activity by its time in the tenant zone, and moves the time with a new date', async () => {
    const customer = await t.inTenant((trx) => trx('customer').first('id'));
    const zone = await t.withRecords(async (c) => c.time?.timeZone ?? 'UTC');
    const at = '2026-03-01T23:30:00.000Z';
    const activity = await t.withRecords((ctx) => createRecord('activity', { customer: customer.id, type: 'phone', subject: '晚间电话', starts_at: at }, ctx));
    expect(activity.date).toBe(localDateOf(new Date(at), zone));
    const moved = await t.withRecords((ctx) => updateRecord('activity', String(activity.id), { date: '2026-04-10' }, ctx, { ifMatch: Number(activity.version) }));
    expect(localDateOf(new Date(String(moved.starts_at)), zone)).toBe('2026-04-10');
    expect(new Date(String(moved.starts_at)).getTime() - new Date(at).getTime()).toBe(Date.parse(`2026-04-10`) - Date.parse(String(activity.date)));
    const dayOnly = await t.withRecords((ctx) => createRecord('activity', { customer: customer.id, type: 'visit', subject: '拜访', date: '2026-05-02' }, ctx));
    expect(dayOnly).toMatchObject({ date: '2026-05-02', starts_at: null });
  });

  it('answers its route under /api/x/customers', async () => {
    const summary = (await handlePluginRoute({ tenant: t.tenant, plugin: 'customers', method: 'GET', path: '/summary' }, ctx())) as {
      total: number;
      byGrade: { value: string; count: number }[];
    };
    expect(summary.total).toBe(200);
    expect(summary.byGrade.reduce((n, g) => n + Number(g.count), 0)).toBe(200);
    await expect(handlePluginRoute({ tenant: t.tenant, plugin: 'products', method: 'GET', path: '/summary' }, ctx())).rejects.toMatchObject({ status: 404 });
  });
});
