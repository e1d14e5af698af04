import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessHours, createRecord, DEFAULT_CALENDAR, getRecord, listRecords, updateRecord, type RecordData } from '../../core/index.js';
import {
  TEST_ACTOR,
  checkPluginMetadata,
  installPlugin,
  openTestTenant,
  renameField,
  runRecordAction,
  uninstallPlugin,
  upgradePlugin,
  useBundledPluginCopy,
  type TestTenant,
} from '../../core/plugins/testing.js';

const ENTITIES = ['service_case', 'solution', 'service_contract', 'care_plan'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestTenant;
let restoreCopy: (() => void) | undefined;
const ctx = () => ({ knex: t.knex, actor: TEST_ACTOR });
const create = (entity: string, data: RecordData) => t.withRecords((c) => createRecord(entity, data, c));
const list = (entity: string, filter: unknown, extra: Record<string, unknown> = {}) =>
  t.withRecords(async (c) => (await listRecords(entity, { filter, limit: 500, ...extra }, c)).data);
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** Every row of the plugin's tables and their history. */
const everything = () =>
  t.inTenant(async (trx) => {
    const out: Record<string, unknown[]> = {};
    for (const e of ENTITIES) out[e] = await trx(e).orderBy('id').select('*');
    out._history = await trx('_history').whereIn('entity', ENTITIES).orderBy('id').select('*');
    return out;
  });

let customer: RecordData;
let otherCustomer: RecordData;
let contact: RecordData;
let product: RecordData;

beforeAll(async () => {
  t = await openTestTenant('service_plugin');
});
afterAll(async () => {
  restoreCopy?.();
  await t?.close();
});

describe('service plugin', () => {
  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('service')).toEqual([]);
  });

  it('installs after the plugins it requires, extending their roles and customer page', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'service' }, ctx());
    expect(result.changes.map((c: { plugin: string; change: string }) => [c.plugin, c.change])).toEqual([
      ['customers', 'installed'],
      ['products', 'installed'],
      ['service', 'installed'],
    ]);
    const meta = await t.meta();
    for (const e of ENTITIES) expect(meta.entities[e].label?.['zh-CN']).toBeTruthy();
    expect(meta.entities.service_case.label).toEqual({ en: 'Service case', 'zh-CN': '服务' });
    const director = meta.documents.role.sales_director as unknown as { entities: Record<string, unknown>; actions: string[] };
    expect(director.entities.customer).toMatchObject({ read: 'all' });
    expect(director.entities.service_case).toMatchObject({ create: true, read: 'all', update: 'all' });
    expect(director.actions).toEqual(expect.arrayContaining(['customer.assign', 'customer_loss.confirm_churn', 'service_case.assign']));
    const manager = meta.documents.role.account_manager as unknown as { entities: Record<string, { read: unknown }>; actions: string[] };
    expect(manager.entities.service_case.read).toEqual({ '==': [{ var: 'customer.owner_id' }, { var: '$user.id' }] });
    expect(manager.actions).toEqual(['customer_loss.pause_churn', 'customer_loss.confirm_churn', 'customer.apply_care_template']);
    const form = meta.documents.form.customer as unknown as { sections: { name: string }[]; tabs: { name: string }[] };
    expect(form.sections.map((s) => s.name)).toContain('contacts');
    expect(form.tabs.map((tab) => tab.name)).toEqual(expect.arrayContaining(['service_cases', 'service_contracts', 'care_plans']));

    customer = await create('customer', { name: '苏州工业园区恒信精密机械有限公司', region: 'east' });
    otherCustomer = await create('customer', { name: '天津滨海新区远航物流有限公司', region: 'north' });
    contact = await create('contact', { customer: customer.id, name: '刘建国', title: '设备部经理' });
    product = await create('product', { sku: 'HW-SRV-2U', name: '机架式服务器', category: 'hardware' });
  });

  it('opens a case in state new with an SLA due time from its priority', async () => {
    const reported = new Date(Date.now() - 2 * HOUR).toISOString();
    const urgent = await create('service_case', { subject: '机架式服务器硬盘告警', customer: customer.id, contact: contact.id, product: product.id, type: 'repair', priority: 'urgent', reported_at: reported });
    expect(urgent).toMatchObject({ code: 'FW000001', status: 'new', channel: 'phone', overdue: false });
    // 4 business hours on the tenant's calendar (default: UTC, Monday to Friday 09:00–18:00)
    expect(urgent.sla_due).toBe(addBusinessHours(reported, 4, DEFAULT_CALENDAR, 'UTC'));
    const normal = await create('service_case', { subject: '咨询延保政策', customer: customer.id, type: 'consultation' });
    expect(normal.priority).toBe('normal');
    expect(normal.sla_due).toBe(addBusinessHours(normal.reported_at, 24, DEFAULT_CALENDAR, 'UTC'));

    const raised = await t.withRecords((c) => updateRecord('service_case', String(normal.id), { priority: 'high' }, c, { ifMatch: Number(normal.version) }));
    expect(raised.sla_due).toBe(addBusinessHours(normal.reported_at, 8, DEFAULT_CALENDAR, 'UTC'));

    await expect(create('service_case', { subject: '直接建成已归档', customer: customer.id, type: 'complaint', status: 'archived' })).rejects.toMatchObject({ status: 422 });
    await expect(t.withRecords((c) => updateRecord('service_case', String(normal.id), { status: 'handled' }, c))).rejects.toMatchObject({ status: 422 });
    await expect(create('service_case', { subject: '联系人不属于该客户', customer: otherCustomer.id, contact: contact.id, type: 'consultation' })).rejects.toMatchObject({
      status: 422,
      details: { errors: [{ field: 'contact' }] },
    });
    await expect(create('service_case', { subject: '满意度超出范围', customer: customer.id, type: 'consultation', satisfaction: 6 })).rejects.toMatchObject({ status: 400 });
  });

  it('flags cases past their SLA with a formula that list filters can use', async () => {
    const late = await create('service_case', {
      subject: '打印机卡纸无人处理',
      customer: otherCustomer.id,
      type: 'repair',
      priority: 'normal',
      // 24 business hours (the service_sla dictionary) have passed, whatever weekday it is
      reported_at: new Date(Date.now() - 10 * DAY).toISOString(),
    });
    expect(late.overdue).toBe(true);
    const overdue = await list('service_case', { '==': [{ var: 'overdue' }, true] }, { fields: ['code'] });
    expect(overdue.map((c) => c.code)).toEqual([late.code]);
    const view = (await t.meta()).documents.view.service_case_overdue as unknown as { filter: unknown };
    expect((await list('service_case', view.filter)).map((c) => c.id)).toEqual([late.id]);
  });

  it('does not assign without a user to hand the case to', async () => {
    const open = (await list('service_case', { '==': [{ var: 'status' }, 'new'] }))[0];
    const assign = (params: Record<string, unknown>) =>
      runRecordAction({ tenant: t.tenant, entity: 'service_case', id: String(open.id), action: 'assign', params }, ctx());
    await expect(assign({})).rejects.toMatchObject({ status: 400 });
    await expect(assign({ handler: '0190f0f0-0000-7000-8000-000000000001' })).rejects.toMatchObject({ status: 422, code: 'RULE_VIOLATION' });
    expect(await t.withRecords((c) => getRecord('service_case', String(open.id), c))).toMatchObject({ status: 'new', handler: null });
  });

  it('lists service contracts expiring in 30 days, with days to expiry and maintenance dates', async () => {
    const contract = (title: string, end: number, extra: RecordData = {}) =>
      create('service_contract', { title, customer: customer.id, product: product.id, kind: 'warranty', start_date: dayFromToday(end - 365), end_date: dayFromToday(end), ...extra });
    const soon = await contract('机架式服务器原厂保修', 10);
    const today = await contract('交换机延保服务', 0, { kind: 'extended_warranty' });
    const later = await contract('防火墙技术支持', 40, { kind: 'support', renewal_reminder_days: 45 });
    await contract('UPS 维保服务（已到期）', -5, { kind: 'maintenance' });
    const maintained = await contract('服务器维保服务', 200, { kind: 'maintenance', maintenance_interval_days: 90, last_maintenance: dayFromToday(-80) });
    expect(soon).toMatchObject({ code: 'FWHT000001', days_to_expiry: 10, renewal_due: true, contract_status: 'active', renewal_reminder_days: 30 });
    expect(later).toMatchObject({ days_to_expiry: 40, renewal_due: true });
    expect(maintained).toMatchObject({ next_maintenance: dayFromToday(10), renewal_due: false });

    const view = (await t.meta()).documents.view.service_contract_expiring as unknown as { filter: unknown };
    const expiring = await list('service_contract', view.filter, { sort: 'end_date' });
    expect(expiring.map((c) => c.id)).toEqual([today.id, soon.id]);
    expect((await list('service_contract', { '==': [{ var: 'contract_status' }, 'expired'] })).map((c) => c.title)).toEqual(['UPS 维保服务（已到期）']);
    const due = (await t.meta()).documents.view.service_contract_maintenance as unknown as { filter: unknown };
    expect((await list('service_contract', due.filter)).map((c) => c.id)).toEqual([maintained.id]);
    await expect(contract('倒签合同', 10, { start_date: dayFromToday(20) })).rejects.toMatchObject({ status: 400, details: { errors: [{ field: 'end_date' }] } });
  });

  it('searches the knowledge base and reminds of care plans', async () => {
    await create('solution', { title: '服务器RAID阵列降级的处理方法', type: 'repair', product: product.id, problem: '管理口告警阵列降级', answer: '更换同型号硬盘后等待重建完成', tags: 'RAID,硬盘', published: true });
    await create('solution', { title: '如何申请延保', type: 'consultation', problem: '保修即将到期', answer: '到期前30天内提交设备序列号申请', tags: '延保' });
    expect((await list('solution', undefined, { q: '硬盘' })).map((s) => s.title)).toEqual(['服务器RAID阵列降级的处理方法']);
    expect((await list('solution', undefined, { q: '延保' })).map((s) => s.code)).toEqual(['KB00002']);

    const birthday = await create('care_plan', { customer: customer.id, contact: contact.id, kind: 'birthday', subject: '刘建国生日祝福：寄送贺卡', date: dayFromToday(2) });
    await create('care_plan', { customer: customer.id, kind: 'holiday', subject: '春节问候', date: dayFromToday(20) });
    await create('care_plan', { customer: customer.id, kind: 'follow_up', subject: '服务回访', date: dayFromToday(-3), done: true });
    expect(birthday).toMatchObject({ done: false, remind_days: 3, reminder_due: true, done_count: 0 });
    const view = (await t.meta()).documents.view.care_plan_upcoming as unknown as { filter: unknown };
    expect((await list('care_plan', view.filter)).map((c) => c.id)).toEqual([birthday.id]);
  });

  it('keeps every record, and gives the roles back, through uninstall and reinstall', async () => {
    const before = await everything();
    expect(before.service_case).toHaveLength(3);
    expect(before.service_contract).toHaveLength(5);

    await expect(uninstallPlugin({ tenant: t.tenant, plugin: 'customers' }, ctx())).rejects.toMatchObject({ status: 409, code: 'PLUGIN_REQUIRED' });
    const gone = await uninstallPlugin({ tenant: t.tenant, plugin: 'service' }, ctx());
    expect(gone.changes).toEqual([{ plugin: 'service', version: '1.0.0', change: 'uninstalled' }]);
    const meta = await t.meta();
    for (const e of ENTITIES) expect(meta.entities[e]).toBeUndefined();
    const director = meta.documents.role.sales_director as unknown as { entities: Record<string, unknown>; actions: string[] };
    expect(director.entities.service_case).toBeUndefined();
    expect(director.actions).not.toContain('service_case.assign');
    expect(director.actions).toContain('customer_loss.confirm_churn');
    await expect(list('service_case', undefined)).rejects.toMatchObject({ status: 404 });
    await expect(
      runRecordAction({ tenant: await t.current(), entity: 'service_case', id: String(before.service_case[0] && (before.service_case[0] as RecordData).id), action: 'assign', params: {} }, ctx()),
    ).rejects.toMatchObject({ status: 404 });
    expect(await everything()).toEqual(before);

    const back = await installPlugin({ tenant: t.tenant, plugin: 'service', withDemoData: true }, ctx());
    expect(back.changes).toEqual([{ plugin: 'service', version: '1.0.0', change: 'reinstalled' }]);
    expect(back.seeded).toEqual({});
    expect(await everything()).toEqual(before);
    expect((await t.meta()).documents.role.sales_director).toMatchObject({ actions: expect.arrayContaining(['service_case.assign']) });
    expect(await create('service_case', { subject: '重装后新建服务', customer: customer.id, type: 'suggestion' })).toMatchObject({ code: 'FW000004', status: 'new' });
  });

  it('gives a tenant without the plugin 404 for its entities and actions', async () => {
    const other = await t.otherTenant('no_service');
    await installPlugin({ tenant: other.tenant, plugin: 'customers' }, { knex: t.knex, actor: TEST_ACTOR });
    const id = String((await list('service_case', undefined))[0].id);
    const refused = [
      other.withRecords((c) => listRecords('service_case', {}, c)),
      other.withRecords((c) => getRecord('service_case', id, c)),
      other.withRecords((c) => createRecord('care_plan', { subject: 'x' }, c)),
      runRecordAction({ tenant: other.tenant, entity: 'service_case', id, action: 'assign', params: {} }, ctx()),
    ];
    for (const r of await Promise.allSettled(refused)) expect(r).toMatchObject({ status: 'rejected', reason: { status: 404 } });
    expect((await other.meta()).documents.role.sales_director).not.toMatchObject({ actions: expect.arrayContaining(['service_case.assign']) });
  });

  it('upgrades to a version that renames a field, keeping its data', async () => {
    const before = await everything();
    const channels = Object.fromEntries((before.service_case as RecordData[]).map((c) => [c.id, c.channel]));
    const copy = await useBundledPluginCopy(['customers', 'products', 'service'], (p) =>
      p.manifest.name === 'service'
        ? { manifest: { ...p.manifest, version: '1.1.0' }, documents: renameField(p.documents, 'service_case', 'channel', 'intake_channel') }
        : p,
    );
    restoreCopy = copy.restore;
    expect(await checkPluginMetadata('service', copy.root)).toEqual([]);
    const result = await upgradePlugin({ tenant: t.tenant, plugin: 'service' }, ctx());
    expect(result.changes).toEqual([{ plugin: 'service', version: '1.1.0', change: 'upgraded' }]);
    const fields = (await t.meta()).entities.service_case.fields;
    expect(fields.channel).toBeUndefined();
    expect(fields.intake_channel).toMatchObject({ type: 'enum', dictionary: 'service_channel' });
    const after = await everything();
    for (const c of after.service_case as RecordData[]) expect(c.intake_channel).toBe(channels[String(c.id)]);
    for (const e of ['solution', 'service_contract', 'care_plan', '_history']) expect(after[e]).toEqual(before[e]);
  });
});
