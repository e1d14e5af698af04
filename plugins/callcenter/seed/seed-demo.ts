import { createRecord, listRecords, updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';
import { PHONE_FIELDS } from '../server/phone-hooks.js';
import { toE164 } from '../server/phone.js';
import { seededRandom, type Random } from './random.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
type Row = RecordData & { id: string };
const iso = (t: number) => new Date(t).toISOString();

const everything = async (entity: string, ctx: RecordContext, fields?: string[]): Promise<Row[]> => {
  const out: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(entity, { fields, limit: 500, sort: 'id', cursor }, ctx);
    out.push(...(page.data as Row[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
};

/** Phone numbers entered before the call center was installed, stored again in E.164 (the hooks do the work). */
const normaliseExistingPhones = async (ctx: RecordContext): Promise<number> => {
  let n = 0;
  for (const [entity, fields] of Object.entries(PHONE_FIELDS)) {
    if (!ctx.meta.entities[entity]) continue;
    for (const row of await everything(entity, ctx, ['id', ...fields])) {
      const patch = Object.fromEntries(fields.filter((f) => typeof row[f] === 'string' && toE164(String(row[f])) && toE164(String(row[f])) !== row[f]).map((f) => [f, row[f]]));
      if (!Object.keys(patch).length) continue;
      await updateRecord(entity, row.id, patch, ctx);
      n += 1;
    }
  }
  return n;
};

const QUEUES = [
  { name: 'general', label: '综合咨询', strategy: 'longest_idle', priority: 0, service_level_seconds: 20, overflow_after: 120, callback_after: 90 },
  { name: 'vip', label: '大客户专线', strategy: 'skill', skill: 'vip', priority: 10, service_level_seconds: 10, overflow_after: 45 },
  { name: 'service', label: '售后服务', strategy: 'even', skill: 'service', priority: 5, service_level_seconds: 30, overflow_after: 90 },
  { name: 'telesales', label: '电话销售', strategy: 'longest_idle', skill: 'sales', priority: 0, service_level_seconds: 30 },
];

const AGENTS: [string, string, string, [string, number][]][] = [
  ['吴婷', '8101', '一组', [['vip', 9], ['service', 6]]],
  ['郑凯', '8102', '一组', [['vip', 7], ['sales', 5]]],
  ['王芳', '8103', '一组', [['service', 8]]],
  ['冯磊', '8104', '一组', [['service', 5], ['sales', 4]]],
  ['陈静', '8105', '二组', [['vip', 5], ['service', 9]]],
  ['褚明', '8106', '二组', [['sales', 8]]],
  ['卫琳', '8107', '二组', [['sales', 6], ['service', 3]]],
  ['蒋涛', '8108', '二组', [['service', 7]]],
  ['沈丽', '8109', '三组', [['sales', 9], ['vip', 4]]],
  ['韩伟', '8110', '三组', []],
];

const NOTES = ['咨询产品价格与交付周期', '询问发票开具事宜', '反馈设备故障，已登记报修', '要求寄送产品资料', '确认订单发货时间', '投诉送货延误，已安抚并上报', '咨询合同续签优惠', '更改联系人电话'];

/** The settings the console and the gateway read: the simulator as the telephone system, the main menu in Chinese, a 3 % abandoned-call cap. */
const SETTINGS = { name: 'default', adapter: 'simulator', ivr_menu: 'main_menu', ivr_locale: 'zh-CN', announce_seconds: 30, abandon_cap: 3, outbound_caller_id: '+864008001234' };

const seedStructure = async (ctx: RecordContext, r: Random) => {
  await createRecord('callcenter_settings', SETTINGS, ctx);
  const queues: Record<string, Row> = {};
  for (const q of QUEUES) queues[q.name] = (await createRecord('call_queue', { ...q, active: true }, ctx)) as Row;
  await updateRecord('call_queue', queues.vip.id, { overflow_queue: queues.general.id }, ctx);
  await updateRecord('call_queue', queues.service.id, { overflow_queue: queues.general.id }, ctx);
  await createRecord('routing_rule', { name: '战略/重点客户进大客户专线', sequence: 10, condition: { in: [{ var: 'customer.grade' }, ['strategic', 'major']] }, queue: queues.vip.id, priority: 10, to_account_manager: false }, ctx);
  await createRecord('routing_rule', { name: '有未结服务的客户进售后', sequence: 20, condition: { '>': [{ var: 'open_cases' }, 0] }, queue: queues.service.id, priority: 5 }, ctx);
  const agents: Row[] = [];
  const now = Date.now();
  const states = ['available', 'available', 'on_call', 'wrap_up', 'break', 'available', 'offline', 'on_call', 'available', 'offline'];
  for (const [i, [name, extension, team, skills]] of AGENTS.entries()) {
    const agent = (await createRecord('call_agent', { name, extension, team, simulated: true, state: states[i], state_since: iso(now - r.int(1, 40) * MINUTE), idle_since: iso(now - r.int(1, 40) * MINUTE), wrap_up_seconds: 30, target_calls_per_day: 40 }, ctx)) as Row;
    for (const [skill, level] of skills) await createRecord('agent_skill', { agent: agent.id, skill, level }, ctx);
    agents.push(agent);
  }
  return { queues, agents };
};

/** Three weeks of calls: mostly answered, some abandoned, with dispositions and notes, linked to the callers' records. */
const seedCalls = async (ctx: RecordContext, r: Random, queues: Record<string, Row>, agents: Row[]): Promise<number> => {
  const contacts = ctx.meta.entities.contact ? (await everything('contact', ctx, ['id', 'customer', 'mobile'])).filter((c) => c.mobile) : [];
  const dispositions = ['info_given', 'info_given', 'order_taken', 'complaint', 'material_sent', 'callback_set', 'not_interested'];
  const today = Math.floor(Date.now() / DAY) * DAY;
  let n = 0;
  for (let day = 21; day >= 1; day--) {
    const calls = r.int(12, 22);
    for (let i = 0; i < calls; i++) {
      const offered = today - day * DAY + r.int(9 * 60, 17 * 60) * MINUTE;
      const contact = contacts.length && r.chance(0.8) ? r.pick(contacts) : null;
      const queue = r.weighted([[queues.general, 6], [queues.service, 3], [queues.vip, 1]] as const);
      // About a third of the callers end in the menu: served there (their order status), or hung up there.
      if (r.chance(0.35)) {
        const served = r.chance(0.85);
        await createRecord('phone_call', { direction: 'inbound', status: 'ended', outcome: served ? 'self_service' : 'abandoned_in_ivr', ivr_path: served ? r.pick(['1-9', '1', '1-0']) : r.pick(['', '1', '2']) || null, ani: contact ? contact.mobile : `+86139${String(r.int(10000000, 99999999))}`, dnis: '+864008001234', customer: contact?.customer ?? null, contact: contact?.id ?? null, offered_at: iso(offered), ended_at: iso(offered + r.int(20, 120) * 1000) }, ctx);
        n += 1;
        continue;
      }
      const abandoned = r.chance(0.08);
      const wait = abandoned ? r.int(20, 180) : r.weighted([[r.int(2, 15), 7], [r.int(16, 60), 3]] as const);
      const talk = r.int(45, 600);
      const agent = abandoned ? null : r.pick(agents);
      const values: RecordData = {
        direction: r.chance(0.85) ? 'inbound' : 'outbound',
        status: 'ended',
        ani: contact ? contact.mobile : `+86138${String(r.int(10000000, 99999999))}`,
        dnis: '+864008001234',
        queue: queue.id,
        priority: Number(queue.priority ?? 0),
        customer: contact?.customer ?? null,
        contact: contact?.id ?? null,
        offered_at: iso(offered),
        wait_seconds: wait,
        outcome: abandoned ? 'abandoned' : 'answered',
        in_service_level: !abandoned && wait <= Number(queue.service_level_seconds ?? 20),
        ended_at: iso(offered + (wait + (abandoned ? 0 : talk)) * 1000),
      };
      if (agent) {
        Object.assign(values, { agent: agent.id, answered_at: iso(offered + wait * 1000), talk_seconds: talk, hold_seconds: r.chance(0.2) ? r.int(10, 90) : 0, wrap_up_seconds: r.int(10, 60), disposition: r.pick(dispositions), notes: r.pick(NOTES), recording_url: `sim://recordings/demo-${day}-${i}.wav`, transferred: r.chance(0.05) });
      }
      await createRecord('phone_call', values, ctx);
      n += 1;
    }
  }
  return n;
};

const seedOutbound = async (ctx: RecordContext, r: Random, queues: Record<string, Row>): Promise<{ entries: number; dnc: number }> => {
  const list = (await createRecord('call_list', { name: '老客户续约回访（第四季度）', source: 'customers: 重点客户', status: 'active', mode: 'preview', queue: queues.telesales.id, window_start: '09:00', window_end: '20:00', max_attempts: 3, retry_minutes: 120 }, ctx)) as Row;
  const contacts = ctx.meta.entities.contact ? (await everything('contact', ctx, ['id', 'customer', 'mobile'])).filter((c) => c.mobile).slice(0, 30) : [];
  for (const [i, c] of contacts.entries()) {
    await createRecord('call_list_entry', { call_list: list.id, phone: c.mobile, contact: c.id, customer: c.customer, priority: r.int(0, 5), status: i < 6 ? 'done' : 'pending', attempts: i < 6 ? 1 : 0, time_zone: 'Asia/Shanghai', source_ref: `contact:${c.id}` }, ctx);
  }
  // A predictive campaign ready to start: answering machines hear a short message.
  const campaign = (await createRecord('call_list', { name: '新品推介（预测式外呼）', source: 'marketing: 新品上市', status: 'paused', mode: 'predictive', queue: queues.telesales.id, window_start: '09:00', window_end: '20:00', max_attempts: 2, retry_minutes: 240, abandon_cap: 3, dial_ratio: 1.5, machine_action: 'leave_message', machine_message: '您好，这里是客服中心，我们有新品上市信息与您分享，稍后会再次致电，谢谢。' }, ctx)) as Row;
  for (const c of contacts.slice(0, 12)) await createRecord('call_list_entry', { call_list: campaign.id, phone: c.mobile, contact: c.id, customer: c.customer, priority: r.int(0, 5), status: 'pending', attempts: 0, time_zone: 'Asia/Shanghai', source_ref: `contact:${c.id}` }, ctx);
  let dnc = 0;
  for (const c of contacts.slice(25, 28)) {
    await createRecord('do_not_call', { phone: c.mobile, reason: '客户要求不再来电' }, ctx);
    dnc += 1;
  }
  return { entries: contacts.length + Math.min(12, contacts.length), dnc };
};

/** The demo call center: its settings (simulator, main menu, 3 % cap), queues, rules, ten agents with skills, three weeks of calls, a call list and the do-not-call list. */
export const seedDemoCallCenter = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const r = seededRandom(18);
  const normalised = await normaliseExistingPhones(ctx);
  const { queues, agents } = await seedStructure(ctx, r);
  const calls = await seedCalls(ctx, r, queues, agents);
  const { entries, dnc } = await seedOutbound(ctx, r, queues);
  return { phone_numbers_normalised: normalised, callcenter_settings: 1, call_queue: QUEUES.length, call_agent: agents.length, phone_call: calls, call_list_entry: entries, do_not_call: dnc };
};
