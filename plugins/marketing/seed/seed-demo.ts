import { copyRecords, isAppError, listRecords, todayIn, type RecordContext, type RecordData } from '../../../core/index.js';
import { createLeadAction } from '../server/response-lead.js';
import { SEGMENT_SOURCES } from '../server/segments.js';
import { addDays, seededRandom, writer, type Counts, type Random, type Writer } from './demo-kit.js';
import { CHECKLIST, COMPANIES, CONTENT, COST_LINES, DEMO_CAMPAIGNS, DEMO_SEGMENTS, PEOPLE, PROGRAMME, type DemoCampaign } from './demo-campaigns.js';

const THRESHOLD = 50000;
const RESPONSE_KIND: Record<string, string[]> = {
  trade_show: ['visit', 'visit', 'web_form'], seminar: ['visit', 'web_form'], email: ['reply', 'web_form', 'unsubscribe'],
  telemarketing: ['call'], online_ad: ['web_form'], direct_mail: ['reply', 'call'],
};

/** Where a campaign stands on `today`, as the transitions that bring it there. */
const stepsFor = (c: { start: string; end: string; budget: number }, today: string): string[] => {
  const approve = c.budget > THRESHOLD ? 'approve_budget' : 'approve';
  if (c.end < today) return [approve, 'start', 'complete'];
  if (c.start <= today) return [approve, 'start'];
  return c.start <= addDays(today, 20) ? [approve] : [];
};

const seedCampaign = async (w: Writer, r: Random, ctx: RecordContext, d: DemoCampaign, seg: RecordData, parent: string, yearAgo: string, today: string) => {
  const start = addDays(yearAgo, d.month * 30 + r.int(0, 10));
  const end = addDays(start, d.days);
  const campaign = await w.create('campaign', {
    name: d.name, type: d.type, channel: d.channel, region: d.region, parent, start_date: start, end_date: end, budget: d.budget,
    expected_responses: d.expected[0], expected_revenue: d.expected[1], description: `${d.name}：面向「${String(seg.name)}」。`,
  });
  const running = start <= today;
  for (const [kind, title] of CONTENT[d.type]) {
    const content = await w.create('campaign_content', { campaign: campaign.id, kind, title, body: `${title}（${d.name}）` });
    if (running) await w.advance('campaign_content', content.id, ['submit', 'approve']);
  }
  for (const [i, title] of CHECKLIST.entries()) {
    const due = addDays(start, (i - 3) * 7 + (i === 5 ? d.days + 10 : 0));
    const done = due < today;
    await w.create('campaign_task', { campaign: campaign.id, title, due_date: due, done, done_on: done ? addDays(due, r.chance(0.2) ? r.int(1, 6) : -r.int(0, 3)) : undefined });
  }
  if (running) {
    for (const [category, share, description] of COST_LINES[d.type]) {
      await w.create('campaign_cost', { campaign: campaign.id, category, amount: Math.round(d.budget * share * (0.8 + r.next() * 0.35)), spent_on: addDays(start, r.int(-20, d.days)), description });
    }
  }
  const source = SEGMENT_SOURCES[String(seg.source)];
  const copied = await copyRecords({ from: String(seg.source), filter: seg.filter ?? undefined, to: 'campaign_member', map: source.map, set: { campaign: campaign.id, segment: seg.id, status: running ? 'sent' : 'planned' }, key: ['campaign', source.key] }, ctx);
  w.count('campaign_member', copied.created);
  await w.advance('campaign', campaign.id, stepsFor({ start, end, budget: d.budget }, today));
  if (running) await seedResponses(w, r, ctx, campaign, d, start, today);
  return campaign;
};

/** Responses of some members (a few become leads), and of visitors who were no member. */
const seedResponses = async (w: Writer, r: Random, ctx: RecordContext, campaign: RecordData, d: DemoCampaign, start: string, today: string) => {
  const members = (await listRecords('campaign_member', { filter: { '==': [{ var: 'campaign' }, campaign.id] }, limit: 200, fields: ['id', 'contact', 'customer'] }, ctx)).data;
  const wanted = Math.min(Math.round(d.expected[0] * (0.3 + r.next() * 0.4)), Math.ceil(members.length * 0.3), 30);
  const span = Math.max(1, Math.min(d.days + 14, Math.round((Date.parse(today) - Date.parse(start)) / 864e5)));
  for (let i = 0; i < wanted; i++) {
    const member = members.length && r.chance(0.8) ? members.splice(r.int(0, members.length - 1), 1)[0] : undefined;
    const response = await w.create('campaign_response', {
      campaign: campaign.id, member: member?.id, contact: member?.contact ?? undefined, customer: member?.customer ?? undefined,
      kind: r.pick(RESPONSE_KIND[d.type]), responded_on: addDays(start, r.int(0, span)),
      ...(member ? {} : { name: r.pick(PEOPLE), company: r.pick(COMPANIES), phone: `138${r.int(10000000, 99999999)}` }),
      note: r.pick(['希望了解产品报价', '请安排技术交流', '索取资料', '有采购计划', '暂无需求，保持联系']),
    });
    if (response.kind !== 'unsubscribe' && r.chance(0.3)) {
      // A response with no way to reach anyone (no phone, no e-mail) makes no lead: the lead's own rule refuses it.
      const made = await createLeadAction.run({ entity: 'campaign_response', id: String(response.id), record: response, params: {} }, ctx).catch((e: unknown) => {
        if (isAppError(e) && e.status === 400) return undefined;
        throw e;
      });
      if (made) w.count('lead', 1);
    }
  }
};

/**
 * Attributes about half of the won opportunities (and their orders) of the past year to the
 * campaign that ran before they closed: first touch, written as history would have had it
 * (closed opportunities no longer change through the record service, so the demo writes the
 * reference directly).
 */
const attributeRevenue = async (r: Random, ctx: RecordContext, campaigns: RecordData[]) => {
  if (!ctx.meta.entities.opportunity?.fields.source_campaign) return 0;
  const won: RecordData[] = await ctx.db('opportunity').whereNull('deleted_at').where('stage', 'won').whereNull('source_campaign').select('id', 'closed_on');
  let n = 0;
  for (const opp of won) {
    const closed = String(opp.closed_on ?? '').slice(0, 10);
    const before = campaigns.filter((c) => String(c.start_date) <= closed);
    if (!before.length || !r.chance(0.55)) continue;
    const campaign = String(r.pick(before.slice(-4)).id);
    await ctx.db('opportunity').where('id', String(opp.id)).update({ source_campaign: campaign });
    await ctx.db('sales_order').where('opportunity', String(opp.id)).update({ source_campaign: campaign });
    n++;
  }
  return n;
};

/**
 * Demo marketing over the demo customers, contacts and leads: segments, a programme with a
 * year of campaigns (costs, content, checklists, members snapshot from the segments,
 * responses, some turned into leads) moved through their lifecycle to where they stand
 * today, and won revenue attributed to its source campaigns.
 */
export const seedDemoMarketing = async (ctx: RecordContext): Promise<Counts> => {
  const counts: Counts = {};
  const w = writer(ctx, counts);
  const r = seededRandom(20260301);
  const today = todayIn(ctx.time?.timeZone ?? 'UTC');
  const yearAgo = addDays(today, -335);
  const segments: Record<string, RecordData> = {};
  for (const [key, s] of Object.entries(DEMO_SEGMENTS)) if (ctx.meta.entities[s.source]) segments[key] = await w.create('segment', s);
  const programme = await w.create('campaign', { ...PROGRAMME, type: 'programme', start_date: yearAgo, end_date: addDays(yearAgo, 400) });
  await w.advance('campaign', programme.id, ['approve', 'start']);
  const campaigns: RecordData[] = [];
  for (const d of DEMO_CAMPAIGNS) {
    if (segments[d.segment]) campaigns.push(await seedCampaign(w, r, ctx, d, segments[d.segment], String(programme.id), yearAgo, today));
  }
  counts.attributed_opportunities = await attributeRevenue(r, ctx, campaigns);
  return counts;
};
