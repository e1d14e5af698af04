import { addDays, startOfDayIn, todayIn } from '../../../core/index.js';
import { seededRandom, type Random } from './random.js';
import { BRANDS, BUILDINGS, CITIES, COMPANY_SUFFIXES, GIVEN_NAMES, INDUSTRY_WORDS, JOB_TITLES, ROADS, SURNAMES } from './names.js';

type Values = Record<string, unknown>;

/** One demo customer with its contacts (their boss by index), activities (contact by index) and maybe a churn record. */
export interface DemoCustomer {
  customer: Values;
  contacts: (Values & { reportsToIndex?: number })[];
  activities: (Values & { contactIndex: number })[];
  loss?: Values;
}

export interface DemoOptions {
  count?: number;
  seed?: number;
  /** The day activities count back from, YYYY-MM-DD (default: today in `timeZone`). */
  today?: string;
  /** The tenant's zone, for today (default UTC). */
  timeZone?: string;
}

const GRADES = ['normal', 'normal', 'normal', 'normal', 'prospect_key', 'prospect_key', 'major', 'major', 'partner', 'strategic'] as const;
const INDUSTRIES = Object.keys(INDUSTRY_WORDS);

const daysBefore = (today: string, days: number): string => addDays(today, -days);

const digits = (r: Random, n: number): string => Array.from({ length: n }, () => r.int(0, 9)).join('');

const person = (r: Random, domain: string, used: Set<string>): Values => {
  const [surname, surnamePinyin] = r.pick(SURNAMES);
  const [given, givenPinyin, gender] = r.pick(GIVEN_NAMES);
  let login = `${givenPinyin}.${surnamePinyin}`;
  for (let i = 2; used.has(login); i++) login = `${givenPinyin}.${surnamePinyin}${i}`;
  used.add(login);
  return {
    name: `${surname}${given}`,
    gender,
    title: r.pick(JOB_TITLES),
    mobile: `1${r.pick(['38', '39', '58', '59', '86', '88', '35', '77'])}${digits(r, 8)}`,
    email: `${login}@${domain}`,
  };
};

/** A small stable number from a text (evaluations vary without drawing from the random stream, so the rest of the demo data stays as it was). */
const hashOf = (text: string): number => [...text].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);

const ROLES_BELOW = ['influencer', 'user', 'gatekeeper', 'buyer', 'user'] as const;

/** 联系人评估 and 汇报关系: the first contact decides, the others report to them (or to the second, making a chain). */
const evaluate = (contacts: Values[], grade: string, atRisk: boolean): (Values & { reportsToIndex?: number })[] =>
  contacts.map((c, i) => {
    const h = hashOf(String(c.name));
    const friendly = grade === 'strategic' || grade === 'partner';
    const attitude = atRisk && i === 0 ? 'opponent' : friendly || h % 3 === 0 ? 'supporter' : h % 3 === 1 ? 'neutral' : i === 0 ? 'neutral' : 'opponent';
    return {
      ...c,
      decision_role: i === 0 ? 'decision_maker' : ROLES_BELOW[h % ROLES_BELOW.length],
      attitude,
      rating: Math.max(1, Math.min(5, (attitude === 'supporter' ? 4 : attitude === 'neutral' ? 3 : 2) + ((h >> 3) % 2))),
      reportsToIndex: i === 0 ? undefined : i === 2 && h % 2 === 0 ? 1 : 0,
    };
  });

/** The activity's time: office hours on its day in the tenant's zone, on the quarter hour. */
const timeOn = (date: string, zone: string, key: string): string => {
  const minutes = 9 * 60 + (hashOf(key) % 36) * 15; // 09:00–17:45
  return new Date(startOfDayIn(date, zone).getTime() + minutes * 60_000).toISOString();
};

const ACTIVITIES: [string, (c: string) => string, string][] = [
  ['visit', (c) => `上门拜访${c}，了解年度采购计划`, '客户办公室'],
  ['phone', () => '电话回访产品使用情况', ''],
  ['phone', () => '电话沟通合同续签事宜', ''],
  ['email', () => '发送产品报价单及技术方案', ''],
  ['meeting', () => '项目需求评审会', '客户会议室'],
  ['meeting', () => '季度业务回顾会议', '我司会议室'],
  ['dinner', () => '商务宴请，增进合作关系', '酒店中餐厅'],
  ['exhibition', () => '行业展会现场交流', '国际会展中心'],
  ['visit', () => '陪同技术工程师现场调研', '客户现场'],
];

const makeCustomer = (r: Random, today: string, zone: string, usedNames: Set<string>): DemoCustomer => {
  const city = r.pick(CITIES);
  const industry = r.pick(INDUSTRIES);
  let name = '';
  let brandPinyin = '';
  let wordPinyin = '';
  while (!name || usedNames.has(name)) {
    const [brand, bp] = r.pick(BRANDS);
    const [word, wp] = r.pick(INDUSTRY_WORDS[industry]);
    name = `${city.name}${brand}${word}${r.pick(COMPANY_SUFFIXES)}`;
    brandPinyin = bp;
    wordPinyin = wp;
  }
  usedNames.add(name);
  const domain = `${brandPinyin}-${wordPinyin}.com.cn`;
  const grade = r.pick(GRADES);
  const atRisk = grade === 'normal' && r.chance(0.15);
  const customer: Values = {
    name,
    industry,
    region: city.region,
    country: 'CN',
    province: city.province,
    city: city.city,
    grade,
    credit_rating: r.int(grade === 'normal' ? 2 : 3, 5),
    satisfaction: r.int(atRisk ? 1 : 3, atRisk ? 3 : 5),
    address: `${city.name}市${r.pick(city.districts)}${r.pick(ROADS)}${r.int(1, 999)}号${r.chance(0.5) ? `${r.pick(BUILDINGS)}${r.int(2, 28)}层` : ''}`,
    phone: `${city.area}-${r.int(5, 8)}${digits(r, 7)}`,
    website: `https://www.${domain}`,
    status: atRisk ? 'at_risk' : 'active',
  };
  const used = new Set<string>();
  const contacts: Values[] = Array.from({ length: r.int(2, 3) }, () => ({ ...person(r, domain, used), phone: `${city.area}-${r.int(5, 8)}${digits(r, 7)}` }));
  contacts[0].title = r.pick(['总经理', '采购经理', 'IT经理']);
  const activities = Array.from({ length: r.int(2, 4) }, () => {
    const [type, subject, place] = r.pick(ACTIVITIES);
    const contactIndex = r.int(0, contacts.length - 1);
    const date = daysBefore(today, r.int(atRisk ? 120 : 1, atRisk ? 360 : 300));
    return {
      contactIndex,
      date,
      starts_at: timeOn(date, zone, `${name}${date}${type}`),
      type,
      subject: subject(String(contacts[contactIndex].name)),
      place: place ? (place.startsWith('客户') ? `${city.name}${place}` : place) : undefined,
      description: `与${contacts[contactIndex].name}（${contacts[contactIndex].title}）沟通，对方反馈积极，约定下一步跟进。`,
    };
  });
  const loss = atRisk ? lossFor(r, today) : undefined;
  return { customer, contacts: evaluate(contacts, grade, atRisk), activities, loss };
};

const lossFor = (r: Random, today: string): Values => {
  const status = r.pick(['warning', 'warning', 'paused', 'confirmed'] as const);
  return {
    last_order_date: daysBefore(today, r.int(190, 420)),
    status,
    pause_measures: status === 'warning' ? undefined : '客户经理上门拜访，提供季度折扣方案并安排技术回访。',
    reason: status === 'confirmed' ? r.pick(['客户转向竞争对手，价格因素为主。', '客户业务调整，不再需要该类产品。', '客户公司经营困难，暂停采购。']) : undefined,
  };
};

/** About 200 customers (by default), each with 2–3 evaluated contacts in a reporting chain and 2–4 timed activities; the same seed gives the same data. */
export const demoCustomers = (options: DemoOptions = {}): DemoCustomer[] => {
  const r = seededRandom(options.seed ?? 20240601);
  const today = options.today ?? todayIn(options.timeZone ?? 'UTC');
  const usedNames = new Set<string>();
  return Array.from({ length: options.count ?? 200 }, () => makeCustomer(r, today, options.timeZone ?? 'UTC', usedNames));
};
