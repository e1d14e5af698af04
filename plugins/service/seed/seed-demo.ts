import { TZDate } from '@date-fns/tz';
import { addMonths as addMonthsTo } from 'date-fns';
import { addDays, createRecord, daysBetween, listRecords, localDateOf, todayIn, updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';
import { slaHours } from '../server/case-hooks.js';
import { seedDemoCare } from './seed-care.js';
import { seedDemoWarranties } from './seed-warranty.js';
import { isUuid, takeTransition } from '../server/transition.js';
import { COMPLAINTS, CONSULT_TOPICS, FEEDBACK, HANDLING, HOLIDAYS, SOLUTIONS, SUGGESTIONS, SYMPTOMS } from './demo-texts.js';
import { seededRandom, type Random } from './random.js';

/** Elapsed time in milliseconds (case timestamps are instants; calendar days use core's date helpers). */
const HOUR = 3_600_000;
const hours = (n: number): number => n * HOUR;

type Row = RecordData & { id: string };

const iso = (t: number): string => new Date(t).toISOString();
/** A calendar day `months` after `date` (date-fns clamps the 31st to a shorter month's end). */
const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const next = addMonthsTo(new TZDate(y, m - 1, d, 'UTC'), months);
  return `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
};

/** Every live record of an entity (page by page), with the fields asked for. */
const everything = async (entity: string, fields: string[], ctx: RecordContext): Promise<Row[]> => {
  const out: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(entity, { fields, limit: 500, sort: 'id', cursor }, ctx);
    out.push(...(page.data as Row[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
};

/** The customer service team the demo service manager belongs to. */
const seedServiceTeam = async (ctx: RecordContext): Promise<number> => {
  const existing = await listRecords('team', { fields: ['name'], limit: 500 }, ctx);
  if (existing.data.some((t) => t.name === 'service')) return 0;
  await createRecord('team', { name: 'service', label: 'Customer service', label_zh: '客户服务部', description: '客户服务部 Customer service' }, ctx);
  return 1;
};

/** Who handles the demo cases: the installing user, or else the tenant's first active user. */
const demoHandler = async (ctx: RecordContext): Promise<string | undefined> => {
  if (isUuid(ctx.actor.id)) return ctx.actor.id;
  const user = await ctx.db('_users').where({ active: true }).orderBy('id').first('id');
  return user?.id as string | undefined;
};

type CaseState = 'new' | 'assigned' | 'handled' | 'feedback' | 'archived';

interface DemoCase {
  state: CaseState;
  reopened: boolean;
  values: RecordData;
  reportedAt: number;
  type: string;
}

const CASE_STATES: [CaseState, number][] = [['new', 16], ['assigned', 20], ['handled', 20], ['feedback', 19], ['archived', 75]];
const TYPES = [['repair', 35], ['consultation', 30], ['complaint', 20], ['suggestion', 15]] as const;
const PRIORITIES: Record<string, readonly (readonly [string, number])[]> = {
  repair: [['urgent', 15], ['high', 35], ['normal', 40], ['low', 10]],
  complaint: [['urgent', 20], ['high', 45], ['normal', 35]],
  consultation: [['high', 10], ['normal', 60], ['low', 30]],
  suggestion: [['normal', 40], ['low', 60]],
};
const CHANNELS = [['phone', 45], ['email', 15], ['wechat', 25], ['onsite', 5], ['portal', 10]] as const;
const CHANNEL_VERB: Record<string, string> = { phone: '来电', email: '来邮', wechat: '通过微信', onsite: '现场', portal: '通过自助门户' };
/** Products complained about more often than others (the product quality report has something to show). */
const COMPLAINT_PRONE: Record<string, number> = { 'HW-NB-14': 6, 'HW-PRN-A4': 5, 'SW-CRM-ENT': 4, 'AC-DOCK': 3 };
const SATISFACTION: Record<string, readonly (readonly [number, number])[]> = {
  complaint: [[1, 10], [2, 20], [3, 30], [4, 25], [5, 15]],
  other: [[2, 3], [3, 12], [4, 40], [5, 45]],
};

const subjectOf = (r: Random, type: string, product: Row): string => {
  const name = String(product.name);
  switch (type) {
    case 'repair':
      return `${name}${r.pick(SYMPTOMS[String(product.category)] ?? SYMPTOMS.hardware)}`;
    case 'consultation':
      return `咨询${name}的${r.pick(CONSULT_TOPICS)}`;
    case 'complaint':
      return r.pick(COMPLAINTS)(name);
    default:
      return r.pick(SUGGESTIONS)(name);
  }
};

const productFor = (r: Random, type: string, products: Row[]): Row => {
  const fits = (p: Row) => (type === 'repair' ? p.category !== 'service' : type === 'suggestion' ? p.category === 'software' : true);
  const candidates = products.filter(fits);
  if (type === 'complaint') return r.weighted(candidates.map((p) => [p, COMPLAINT_PRONE[String(p.sku)] ?? 1] as const));
  return r.pick(candidates.length ? candidates : products);
};

const planCases = (r: Random, now: number, customers: Row[], contactsOf: Map<string, Row[]>, products: Row[]): DemoCase[] => {
  const cases: DemoCase[] = [];
  for (const [state, count] of CASE_STATES) {
    for (let i = 0; i < count; i++) {
      const type = r.weighted(TYPES);
      const customer = r.pick(customers);
      const contact = contactsOf.get(customer.id)?.length ? r.pick(contactsOf.get(customer.id)!) : undefined;
      const product = productFor(r, type, products);
      const channel = r.weighted(CHANNELS);
      const subject = subjectOf(r, type, product);
      const ago =
        state === 'new' ? r.between(0.2, 36) * HOUR
        : state === 'assigned' ? r.between(2, 120) * HOUR
        : state === 'handled' ? hours(24 * r.between(2, 20))
        : state === 'feedback' ? hours(24 * r.between(4, 45))
        : hours(24 * r.between(10, 365));
      const reportedAt = now - ago;
      cases.push({
        state,
        type,
        reportedAt,
        reopened: state === 'archived' && i % 12 === 5,
        values: {
          subject,
          customer: customer.id,
          contact: contact?.id,
          product: product.id,
          type,
          channel,
          priority: r.weighted(PRIORITIES[type]),
          description: `${contact ? `${contact.name}（${contact.title ?? '联系人'}）` : '客户'}${CHANNEL_VERB[channel]}反映：${subject}。`,
          reported_at: iso(reportedAt),
        },
      });
    }
  }
  return cases.sort((a, b) => a.reportedAt - b.reportedAt);
};

/**
 * Walks one demo case through its lifecycle the way users do: set the handler and
 * assign, write the handling notes and mark it handled, record the survey and the
 * feedback, maybe reopen and go round again, archive. Each step goes through the record
 * service and the transition, so history, versions and time stamps are those of real use.
 */
const playCase = async (r: Random, now: number, plan: DemoCase, handler: string, solutions: Row[], ctx: RecordContext): Promise<RecordData> => {
  const created = await createRecord('service_case', plan.values, ctx);
  const id = String(created.id);
  if (plan.state === 'new') return created;
  const sla = slaHours(ctx.meta, plan.values.priority) ?? 24;
  const before = (t: number) => Math.min(t, now - 0.25 * HOUR);
  let at = before(plan.reportedAt + r.between(0.2, 2) * HOUR);
  await updateRecord('service_case', id, { handler }, ctx);
  let record = await takeTransition('service_case', id, 'assign', ctx, { set: { assigned_at: iso(at) } });
  if (plan.state === 'assigned') return record;
  const solution = solutions.find((s) => s.product === plan.values.product) ?? (r.chance(0.3) ? solutions.find((s) => s.type === plan.type) : undefined);
  const notes = r.pick(HANDLING[plan.type]);
  const rounds = plan.reopened ? 2 : 1;
  for (let round = 1; round <= rounds; round++) {
    const late = r.chance(0.2);
    at = before(round === 1 ? plan.reportedAt + sla * (late ? r.between(1.1, 3) : r.between(0.2, 0.95)) * HOUR : at + r.between(4, 48) * HOUR);
    const handlingNotes = round === 1 ? notes : `${notes}\n客户反馈问题未彻底解决，二次处理：${r.pick(HANDLING[plan.type])}`;
    await updateRecord('service_case', id, { handling_notes: handlingNotes, solution: solution?.id }, ctx);
    record = await takeTransition('service_case', id, 'handle', ctx, { set: { handled_at: iso(at) } });
    if (plan.state === 'handled') return record;
    const satisfaction = plan.reopened && round === 1 ? r.int(1, 2) : r.weighted(SATISFACTION[plan.type === 'complaint' ? 'complaint' : 'other']);
    at = before(at + hours(24 * r.between(1, 4)));
    await updateRecord('service_case', id, { satisfaction, feedback: r.pick(FEEDBACK[satisfaction]) }, ctx);
    record = await takeTransition('service_case', id, 'feedback', ctx, { set: { feedback_at: iso(at) } });
    if (round < rounds) {
      at = before(at + r.between(1, 6) * HOUR);
      record = await takeTransition('service_case', id, 'reopen', ctx, { set: { assigned_at: iso(at) } });
    }
  }
  if (plan.state === 'feedback') return record;
  return takeTransition('service_case', id, 'archive', ctx);
};

const CONTRACT_KIND_TITLE: Record<string, string> = { warranty: '原厂保修', extended_warranty: '延保服务', maintenance: '维保服务', support: '技术支持服务' };
const CONTRACT_TERMS: Record<string, string> = {
  warranty: '原厂保修：免费更换故障部件，工作日 8 小时响应。',
  extended_warranty: '延长保修：保修期满后继续提供免费维修，含上门服务。',
  maintenance: '7×24 小时响应，4 小时到场；按周期进行预防性维护巡检并出具巡检报告。',
  support: '软件升级与补丁、远程技术支持，工作日 2 小时响应。',
};

const planContract = (r: Random, i: number, today: string, customer: Row, product: Row): RecordData => {
  const kind = product.category === 'software' ? 'support' : product.category === 'service' ? 'maintenance' : r.chance(0.6) ? 'warranty' : 'extended_warranty';
  const months = kind === 'warranty' ? r.pick([12, 24, 36]) : kind === 'extended_warranty' ? r.pick([12, 24]) : 12;
  const end =
    i < 8 ? addDays(today, r.int(1, 29)) // due for renewal within the month
    : i < 14 ? addDays(today, -r.int(5, 120)) // expired
    : addDays(today, r.int(31, 700));
  const start = addMonths(end, -months);
  const price = Number(product.price ?? 0);
  const amount = kind === 'warranty' ? 0 : kind === 'maintenance' ? price * r.int(1, 3) : Math.round(price * (kind === 'support' ? 0.2 : 0.08) * r.int(2, 20) * (months / 12));
  const interval = kind === 'maintenance' ? r.pick([90, 180]) : kind === 'extended_warranty' && r.chance(0.5) ? 180 : undefined;
  let last: string | undefined;
  if (interval && start < today) {
    const done = Math.floor(daysBetween(start, today) / interval);
    const visits = Math.max(0, done - (r.chance(0.25) ? 1 : 0));
    if (visits) last = addDays(start, visits * interval);
  }
  return {
    title: `${product.name}${String(product.name).endsWith('服务') ? '合同' : CONTRACT_KIND_TITLE[kind]}（${start.slice(0, 4)}）`,
    customer: customer.id,
    product: product.id,
    kind,
    start_date: start,
    end_date: end,
    warranty_months: kind === 'warranty' || kind === 'extended_warranty' ? months : undefined,
    amount,
    renewal_reminder_days: r.pick([30, 30, 45, 60]),
    maintenance_interval_days: interval,
    last_maintenance: last,
    ...(interval ? { maintenance_lead_days: 14, maintenance_reminder_days: interval === 90 ? 7 : 14 } : {}),
    notes: CONTRACT_TERMS[kind],
  };
};

/** A copy of `items` in a random order (Fisher-Yates). */
const shuffled = <T>(r: Random, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/** The date of a holiday nearest to today within the past year or the next two months. */
const holidayDate = (monthDay: string, today: string): string => {
  const year = Number(today.slice(0, 4));
  const upcoming = `${year}-${monthDay}`;
  return daysBetween(today, upcoming) <= 60 ? upcoming : `${year - 1}-${monthDay}`;
};

/**
 * Demo data of the service plugin, over the demo customers, contacts and products:
 * the service team, the knowledge base, 60 service contracts (some due for renewal,
 * some expired), 150 service cases in every state with realistic subjects and survey
 * results, and care plans (birthdays, holidays, follow-ups of handled cases). Without
 * customers only the team and the knowledge base are made; without a user to handle
 * cases (an install by a non-user), every case stays new.
 */
export const seedDemoService = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const counts = { team: 0, solution: 0, service_contract: 0, service_case: 0, care_plan: 0 };
  const r = seededRandom(20_240_611);
  const now = (ctx.now ?? new Date()).getTime();
  const zone = ctx.time?.timeZone ?? 'UTC';
  const today = todayIn(zone, new Date(now));
  counts.team = await seedServiceTeam(ctx);

  const products = await everything('product', ['id', 'sku', 'name', 'category', 'price'], ctx);
  const bySku = new Map(products.map((p) => [String(p.sku), p]));
  const solutions: Row[] = [];
  for (const [title, type, sku, problem, answer, tags, published] of SOLUTIONS) {
    const product = sku ? bySku.get(sku)?.id : undefined;
    solutions.push((await createRecord('solution', { title, type, product, problem, answer, tags, published }, ctx)) as Row);
    counts.solution++;
  }

  const customers = await everything('customer', ['id', 'name'], ctx);
  if (!customers.length || !products.length) return counts;
  const contacts = await everything('contact', ['id', 'customer', 'name', 'title'], ctx);
  const contactsOf = new Map<string, Row[]>();
  for (const c of contacts) contactsOf.set(String(c.customer), [...(contactsOf.get(String(c.customer)) ?? []), c]);

  const contractable = products.filter((p) => p.category === 'hardware' || p.category === 'software' || p.sku === 'SV-MAINT-Y');
  for (let i = 0; i < 60; i++) {
    await createRecord('service_contract', planContract(r, i, today, r.pick(customers), r.pick(contractable)), ctx);
    counts.service_contract++;
  }
  counts.service_contract += await seedDemoWarranties(today, ctx);

  const handler = await demoHandler(ctx);
  const followUps: RecordData[] = [];
  for (const plan of planCases(r, now, customers, contactsOf, products)) {
    const played = await playCase(r, now, handler ? plan : { ...plan, state: 'new' }, handler ?? '', solutions, ctx);
    counts.service_case++;
    if (played.status === 'archived' && followUps.length < 25 && r.chance(0.45)) followUps.push(played);
  }

  const care = async (values: RecordData) => {
    const date = String(values.date);
    const past = date < today;
    const done = past && r.chance(0.85);
    await createRecord('care_plan', { ...values, done, notes: done ? r.pick(['已完成，客户表示感谢。', '已送达，客户反馈良好。', '已电话沟通，客户满意。']) : undefined }, ctx);
    counts.care_plan++;
  };
  const birthdays = new Map<string, string>();
  for (const contact of shuffled(r, contacts).slice(0, 35)) {
    const date = addDays(today, r.int(-300, 45));
    birthdays.set(contact.id, date);
    await care({ customer: contact.customer, contact: contact.id, kind: 'birthday', subject: `${contact.name}生日祝福：${r.pick(['寄送生日贺卡', '赠送蛋糕券', '电话祝福并赠送鲜花'])}`, date, remind_days: r.pick([3, 5, 7]), care_key: `birthday:${contact.id}:${date.slice(0, 4)}` });
  }
  for (const [monthDay, holiday] of HOLIDAYS) {
    for (let i = 0; i < 6; i++) {
      const customer = r.pick(customers);
      const contact = contactsOf.get(customer.id)?.[0];
      await care({ customer: customer.id, contact: contact?.id, kind: 'holiday', subject: `${holiday}问候：${r.pick(['寄送节日礼盒', '发送节日贺卡', '邀请参加客户答谢会'])}`, date: holidayDate(monthDay, today), remind_days: 7 });
    }
  }
  for (const c of followUps) {
    const date = addDays(localDateOf(new Date(String(c.feedback_at)), zone), 7);
    await care({ customer: c.customer, contact: c.contact ?? undefined, kind: 'follow_up', subject: `服务回访：${c.subject}`, date, remind_days: 1 });
  }
  const more = await seedDemoCare(contacts, birthdays, ctx);
  counts.care_plan += more.care_plan;
  return { ...counts, care_plan_template: more.care_plan_template, contact_birthday: more.contact_birthday };
};
