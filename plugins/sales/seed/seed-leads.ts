import type { RecordContext, RecordData } from '../../../core/index.js';
import { convertLead } from '../server/lead-convert.js';
import { addDays, type Counts, type Random, type Writer } from './demo-kit.js';
import { DISQUALIFY_REASONS, GIVEN, JOB_TITLES, LEAD_BRANDS, LEAD_CITIES, LEAD_TRADES, NEEDS, PROJECTS, SURNAMES } from './demo-words.js';

const SOURCES = ['website', 'website', 'referral', 'exhibition', 'telemarketing', 'advertising', 'partner', 'other'] as const;
/** Where each demo lead ends: 12 converted, 12 qualified, 14 new, 10 disqualified. */
const OUTCOMES = [...Array(12).fill('converted'), ...Array(12).fill('qualified'), ...Array(14).fill('new'), ...Array(10).fill('disqualified')] as string[];

const digits = (r: Random, n: number): string => Array.from({ length: n }, () => r.int(0, 9)).join('');

const makeLead = (r: Random, used: Set<string>): RecordData => {
  let company = '';
  let trade: [string, string] = LEAD_TRADES[0];
  let city: (typeof LEAD_CITIES)[number] = LEAD_CITIES[0];
  while (!company || used.has(company)) {
    city = r.pick(LEAD_CITIES);
    trade = r.pick(LEAD_TRADES);
    company = `${city[0]}${r.pick(LEAD_BRANDS)}${trade[1]}有限公司`;
  }
  used.add(company);
  const hasMail = r.chance(0.7);
  return {
    company,
    contact_name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
    job_title: r.pick(JOB_TITLES),
    phone: r.chance(0.5) ? `${city[2]}-${r.int(5, 8)}${digits(r, 7)}` : `1${r.pick(['38', '39', '58', '86', '88'])}${digits(r, 8)}`,
    email: hasMail ? `contact${r.int(10, 999)}@example.com.cn` : undefined,
    source: r.pick(SOURCES),
    region: city[1],
    industry: trade[0],
    score: r.int(10, 95),
    description: r.pick(NEEDS),
  };
};

/**
 * 48 leads: new, qualified (升级), disqualified with a reason, and 12 converted into a
 * prospect customer with its contact and opportunity (the way the convert action does it);
 * two of those deals are won since, one lost.
 */
export const seedLeads = async (w: Writer, r: Random, ctx: RecordContext, today: string, counts: Counts): Promise<void> => {
  const used = new Set<string>();
  let converted = 0;
  for (const outcome of OUTCOMES) {
    const data = makeLead(r, used);
    if (outcome === 'disqualified') data.disqualify_reason = r.pick(DISQUALIFY_REASONS);
    const lead = await w.create('lead', data);
    if (outcome === 'new') continue;
    if (outcome === 'disqualified') {
      await w.advance('lead', lead.id, [['disqualify']]);
      continue;
    }
    const qualified = (await w.advance('lead', lead.id, [['qualify']]))!;
    if (outcome !== 'converted') continue;
    const amount = r.int(5, 60) * 10_000;
    const made = await convertLead(qualified, { title: `${String(data.company).slice(0, 2)}${r.pick(PROJECTS)}`, amount, expected_close_date: addDays(today, r.int(20, 120)) }, ctx);
    for (const entity of ['customer', 'contact', 'opportunity']) counts[entity] = (counts[entity] ?? 0) + 1;
    const opportunity = made.opportunity.id;
    if (converted === 0 || converted === 1) {
      await w.advance('opportunity', opportunity, [['qualify'], ['propose'], ['negotiate'], ['win']]);
    } else if (converted === 2) {
      await w.advance('opportunity', opportunity, [['qualify'], ['lose', { loss_reason: '客户预算削减，项目取消。' }]]);
    } else if (converted % 2 === 1) {
      await w.advance('opportunity', opportunity, [['qualify']]);
    }
    converted++;
  }
};
