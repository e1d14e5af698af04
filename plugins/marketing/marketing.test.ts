import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, checkPluginMetadata, provisionTenant, sendQueuedMail, signFormToken, smtpSink, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Marketing-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

/** Campaigns, content, segments into members, responses into leads and attributed revenue, over HTTP as the people who do them. */
describe('marketing: campaigns, segments, members, responses and attribution', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let url: string;
  let tenant: Tenant;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};
  const post = async (who: string, path: string, body?: unknown) => as[who]('POST', path, body);
  const get = async (who: string, path: string) => (await as[who]('GET', path)).body;
  const take = (who: string, entity: string, id: string, transition: string) => post(who, `/api/records/${entity}/${id}/transitions/${transition}`);
  const patch = async (who: string, entity: string, id: string, body: unknown) => {
    const current = await as[who]('GET', `/api/records/${entity}/${id}`);
    return as[who]('PATCH', `/api/records/${entity}/${id}`, body, { 'If-Match': String(current.body.version) });
  };

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
    ({ tenant } = await provisionTenant({ slug: 'mkt', adminEmail: 'admin@mkt.local', adminPassword: PASSWORD, plugins: ['marketing'] }, { knex }));
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'mkt', email, password: PASSWORD })).body;
    as.admin = api(url, (await login('admin@mkt.local')).token);
    for (const [who, roles] of [['manager', ['marketing_manager']], ['sunli', ['marketer']], ['zhou', ['marketer']], ['director', ['sales_director']]] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${who}@mkt.local`, password: PASSWORD, name: who, roles });
      expect(made.status).toBe(201);
      ids[who] = made.body.id;
      as[who] = api(url, (await login(`${who}@mkt.local`)).token);
    }
    for (const [i, [name, region, industry]] of [['华东机械', 'east', 'manufacturing'], ['华东数据', 'east', 'it'], ['华北金融', 'north', 'finance'], ['华南物流', 'south', 'logistics']].entries()) {
      const customer = (await post('admin', '/api/records/customer', { name, region, industry })).body;
      ids[`customer${i}`] = customer.id;
      for (const person of ['甲', '乙']) expect((await post('admin', '/api/records/contact', { customer: customer.id, name: `${name}${person}`, email: `${i}${person === '甲' ? 'a' : 'b'}@mkt.test` })).status).toBe(201);
    }
  }, 600_000);
  afterAll(async () => close?.());

  it('passes the metadata check', async () => {
    expect(await checkPluginMetadata('marketing')).toEqual([]);
  });

  it('moves a campaign planned → approved → active → completed; a budget above the threshold needs a marketing manager', async () => {
    const big = await post('sunli', '/api/records/campaign', { name: '上海工业博览会', type: 'trade_show', channel: 'event', budget: 120000, start_date: '2026-03-01', end_date: '2026-03-05' });
    expect(big.status).toBe(201);
    expect(big.body).toMatchObject({ status: 'planned', needs_budget_approval: true, code: expect.stringMatching(/^YX\d{5}$/) });
    expect((await take('sunli', 'campaign', big.body.id, 'approve')).status).toBe(422);
    expect((await take('sunli', 'campaign', big.body.id, 'approve_budget')).status).toBe(403);
    expect((await take('manager', 'campaign', big.body.id, 'approve_budget')).body.status).toBe('approved');
    expect((await take('sunli', 'campaign', big.body.id, 'start')).body.status).toBe('active');
    expect((await take('sunli', 'campaign', big.body.id, 'complete')).body.status).toBe('completed');

    const small = await post('sunli', '/api/records/campaign', { name: '春季邮件', type: 'email', channel: 'email', budget: 8000 });
    expect((await take('sunli', 'campaign', small.body.id, 'approve')).body.status).toBe('approved');
    expect((await take('sunli', 'campaign', small.body.id, 'start')).status).toBe(422); // no start date yet
    expect((await take('sunli', 'campaign', small.body.id, 'cancel')).status).toBe(422); // no reason
    expect((await patch('sunli', 'campaign', small.body.id, { cancel_reason: '预算调整' })).status).toBe(200);
    expect((await take('sunli', 'campaign', small.body.id, 'cancel')).body.status).toBe('cancelled');
    ids.bigCampaign = big.body.id;
    expect((await as.zhou('GET', `/api/records/campaign/${big.body.id}`)).status).toBe(404); // another marketer's campaign
    expect((await as.zhou('PATCH', `/api/records/campaign/${big.body.id}`, { name: 'x' }, { 'If-Match': '1' })).status).toBe(404);
  });

  it('rolls cost lines up into the campaign and child campaigns up into their programme', async () => {
    const programme = (await post('manager', '/api/records/campaign', { name: '年度推广计划', type: 'programme' })).body;
    const child = (await post('manager', '/api/records/campaign', { name: '华南研讨会', type: 'seminar', parent: programme.id, budget: 30000 })).body;
    for (const [category, amount] of [['venue', 12000], ['printing', 3000.5]] as const) {
      expect((await post('manager', '/api/records/campaign_cost', { campaign: child.id, category, amount })).status).toBe(201);
    }
    expect(await get('manager', `/api/records/campaign/${child.id}`)).toMatchObject({ actual_cost: 15000.5, roi: -100 });
    expect(await get('manager', `/api/records/campaign/${programme.id}`)).toMatchObject({ children: 1, children_cost: 15000.5, total_cost: 15000.5 });
    expect((await post('zhou', '/api/records/campaign_cost', { campaign: child.id, category: 'venue', amount: 1 })).status).toBe(422); // not his campaign
  });

  it('approves content by a manager and reports checklist items done on time', async () => {
    const content = (await post('sunli', '/api/records/campaign_content', { campaign: ids.bigCampaign, title: '展会手册', kind: 'brochure' })).body;
    expect(content, JSON.stringify(content)).toMatchObject({ status: 'draft', content_version: 1 });
    expect((await take('sunli', 'campaign_content', content.id, 'submit')).body.status).toBe('in_review');
    expect((await take('sunli', 'campaign_content', content.id, 'approve')).status).toBe(403);
    expect((await take('manager', 'campaign_content', content.id, 'approve')).body.status).toBe('approved');
    const late = (await post('sunli', '/api/records/campaign_task', { campaign: ids.bigCampaign, title: '寄送邀请', due_date: '2026-02-01', done: true, done_on: '2026-02-03' })).body;
    const onTime = (await post('sunli', '/api/records/campaign_task', { campaign: ids.bigCampaign, title: '展位布置', due_date: '2026-02-27', done: true, done_on: '2026-02-27' })).body;
    expect([late.on_time, onTime.on_time]).toEqual([false, true]);
    const report = await post('manager', '/api/reports/campaign_checklist_on_time/run', {});
    expect(report.status).toBe(200);
  });

  it('refuses a segment filter the SQL compiler cannot run, naming the filter field, and counts a good one live', async () => {
    const bad = await post('sunli', '/api/records/segment', { name: '坏条件', source: 'contact', filter: { '==': [{ var: 'no_such_field' }, 1] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'filter', code: 'SEGMENT_FILTER' });
    const east = await post('sunli', '/api/records/segment', { name: '华东联系人', source: 'contact', filter: { '==': [{ var: 'customer.region' }, 'east'] } });
    expect(east.status).toBe(201);
    ids.eastSegment = east.body.id;
    expect((await patch('sunli', 'segment', east.body.id, { filter: { nope: [1] } })).status).toBe(400);
    expect(await get('sunli', `/api/x/marketing/segments/${east.body.id}/count`)).toEqual({ source: 'contact', count: 4 });
    expect((await post('sunli', '/api/x/marketing/segments/preview', { source: 'customer', filter: { in: [{ var: 'region' }, ['east', 'north']] } })).body).toEqual({ source: 'customer', count: 3 });
    expect((await post('sunli', '/api/x/marketing/segments/preview', { source: 'nothing' })).status).toBe(400);
  });

  it('snapshots a segment into campaign members in one statement; a repeat adds only the new ones; others may not add', async () => {
    const campaign = (await post('sunli', '/api/records/campaign', { name: '华东研讨会', type: 'seminar', region: 'east', budget: 20000 })).body;
    ids.campaign = campaign.id;
    const added = await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: ids.eastSegment });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ matched: 4, created: 4 });
    const members = (await get('sunli', `/api/records/campaign_member?filter=${q({ '==': [{ var: 'campaign' }, campaign.id] })}&limit=50`)).data;
    expect(members).toHaveLength(4);
    expect(members.every((m: Row) => m.status === 'planned' && m.segment === ids.eastSegment && m.customer && m.contact && m.owner_id === ids.sunli)).toBe(true);
    // By name, as a person types it: nothing new since.
    expect((await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: '华东联系人' })).body).toMatchObject({ matched: 4, created: 0 });
    const unknown = await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: '没有这个' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'segment', code: 'SEGMENT_NOT_FOUND' });
    expect((await post('admin', '/api/records/contact', { customer: ids.customer0, name: '新人', email: 'new@mkt.test' })).status).toBe(201);
    expect((await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: ids.eastSegment })).body).toMatchObject({ matched: 5, created: 1 });
    expect((await get('sunli', `/api/records/campaign/${campaign.id}`)).members).toBe(5);
    expect((await post('zhou', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: ids.eastSegment })).status).toBe(404);
    expect((await post('director', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: ids.eastSegment })).status).toBe(403);
    const closed = await post('sunli', `/api/records/campaign/${ids.bigCampaign}/actions/add_segment`, { segment: ids.eastSegment });
    expect([closed.status, closed.body.code]).toEqual([409, 'CAMPAIGN_CLOSED']);
  });

  it('records a response, makes it a lead with the source campaign, and attributes the won deal to the campaign', async () => {
    const [member] = (await get('sunli', `/api/records/campaign_member?filter=${q({ and: [{ '==': [{ var: 'campaign' }, ids.campaign] }, { '==': [{ var: 'customer' }, ids.customer0] }] })}&limit=1`)).data;
    const response = await post('sunli', '/api/records/campaign_response', { campaign: ids.campaign, member: member.id, contact: member.contact, customer: member.customer, kind: 'visit', note: '有采购计划' });
    expect(response.status).toBe(201);
    expect((await get('sunli', `/api/records/campaign_member/${member.id}`)).status).toBe('responded');
    const made = await post('sunli', `/api/records/campaign_response/${response.body.id}/actions/create_lead`, {});
    expect(made.status).toBe(200);
    expect(made.body.lead).toMatchObject({ source_campaign: ids.campaign, status: 'new', company: '华东机械' });
    expect((await get('sunli', `/api/records/campaign_member/${member.id}`)).status).toBe('converted');
    const twice = await post('sunli', `/api/records/campaign_response/${response.body.id}/actions/create_lead`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'RESPONSE_HAS_LEAD']);

    const lead = made.body.lead.id;
    expect((await take('admin', 'lead', lead, 'qualify')).status).toBe(200);
    const converted = await post('admin', `/api/records/lead/${lead}/actions/convert`, { amount: 300000, title: '产线改造', expected_close_date: '2026-06-30' });
    expect(converted.status).toBe(200);
    const opp = converted.body.opportunity;
    expect(opp.source_campaign).toBe(ids.campaign);
    for (const t of ['qualify', 'propose', 'negotiate', 'win']) expect((await take('admin', 'opportunity', opp.id, t)).status).toBe(200);
    expect((await post('manager', '/api/records/campaign_cost', { campaign: ids.campaign, category: 'venue', amount: 20000 })).status).toBe(201);
    expect(await get('manager', `/api/records/campaign/${ids.campaign}`)).toMatchObject({ responses: 1, leads: 1, opportunities: 1, won_deals: 1, won_revenue: 300000, actual_cost: 20000, roi: 1400, cost_per_response: 20000, cost_per_lead: 20000 });
    const roi = await post('manager', '/api/reports/campaign_roi/run', {});
    expect(roi.body.rows.find((r: Row) => r.name === '华东研讨会')).toMatchObject({ revenue: 300000, cost: 20000, responses: 1, leads: 1, won: 1 });
  });

  it('takes a response from the campaign web form by the campaign number, without signing in', async () => {
    const campaign = await get('sunli', `/api/records/campaign/${ids.campaign}`);
    const token = await signFormToken(knex, { tenantId: tenant.id, form: 'campaign_response', now: new Date(Date.now() - 60_000) });
    const res = await fetch(`${url}/api/public/mkt/forms/campaign_response`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ campaign_code: campaign.code, name: '访客', company: '访客公司', email: 'visitor@mkt.test', _token: token }),
    });
    expect(res.status).toBe(201);
    const responses = (await get('sunli', `/api/records/campaign_response?filter=${q({ '==': [{ var: 'kind' }, 'web_form'] })}`)).data;
    expect(responses).toEqual([expect.objectContaining({ campaign: ids.campaign, name: '访客', company: '访客公司', member: null })]);
    // A member who answers on the form with their address (any case) is matched and counts as responded.
    const members = (await get('sunli', `/api/records/campaign_member?filter=${q({ and: [{ '==': [{ var: 'campaign' }, ids.campaign] }, { '==': [{ var: 'status' }, 'planned'] }] })}&limit=50`)).data;
    const member = members.find((m: Row) => m.contact);
    const contact = await get('sunli', `/api/records/contact/${member.contact}`);
    expect(contact.email).toEqual(expect.any(String));
    const again = await fetch(`${url}/api/public/mkt/forms/campaign_response`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ campaign_code: campaign.code, name: contact.name, company: '—', email: String(contact.email).toUpperCase(), _token: token }),
    });
    expect(again.status).toBe(201);
    expect((await get('sunli', `/api/records/campaign_member/${member.id}`)).status).toBe('responded');
    const matched = (await get('sunli', `/api/records/campaign_response?filter=${q({ '==': [{ var: 'member' }, member.id] })}`)).data;
    expect(matched).toEqual([expect.objectContaining({ kind: 'web_form', contact: member.contact, customer: member.customer })]);
  });

  it('chooses each member’s channel by the rules; do-not-contact gets nothing; calls need the call-list contract', async () => {
    const people: Row[] = [];
    for (const [name, grade, email, dnc] of [['要客', 'strategic', 'vip@mkt.test', false], ['勿扰', 'normal', 'dnc@mkt.test', true], ['无邮', 'normal', undefined, false], ['有邮', 'normal', 'mail@mkt.test', false]] as const) {
      const customer = (await post('admin', '/api/records/customer', { name: `触达${name}`, grade, region: 'northwest' })).body;
      people.push((await post('admin', '/api/records/contact', { customer: customer.id, name, email, phone: '010-12345678', do_not_contact: dnc })).body);
    }
    const segment = (await post('sunli', '/api/records/segment', { name: '西北触达', source: 'contact', filter: { '==': [{ var: 'customer.region' }, 'northwest'] } })).body;
    const plan = async (name: string) => {
      const campaign = (await post('sunli', '/api/records/campaign', { name, type: 'direct_mail', budget: 1000 })).body;
      expect((await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: segment.id })).body.created).toBe(4);
      const planned = await post('sunli', `/api/records/campaign/${campaign.id}/actions/plan_outreach`, {});
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      const members = (await get('sunli', `/api/records/campaign_member?filter=${q({ '==': [{ var: 'campaign' }, campaign.id] })}&fields=contact,channel`)).data;
      return { campaign, counts: planned.body.channels, byContact: Object.fromEntries(members.map((m: Row) => [m.contact, m.channel])) };
    };
    const before = await plan('触达一');
    expect(before.counts).toEqual({ none: 1, call_list_unavailable: 1, email: 1, letter: 1 });
    expect(people.map((p) => before.byContact[p.id])).toEqual(['call_list_unavailable', 'none', 'letter', 'email']);

    const label = (en: string) => ({ en, 'zh-CN': en });
    expect((await as.admin('PUT', '/api/studio/entity/call_list', { kind: 'entity', name: 'call_list', label: label('Call list'), fields: { name: { type: 'text', label: label('Name') }, source: { type: 'text', label: label('Source') } } })).status).toBe(200);
    expect((await as.admin('PUT', '/api/studio/entity/call_list_entry', { kind: 'entity', name: 'call_list_entry', label: label('Call list entry'), fields: {
      call_list: { type: 'reference', entity: 'call_list', label: label('List') }, phone: { type: 'text', label: label('Phone') }, contact: { type: 'reference', entity: 'contact', label: label('Contact') },
      customer: { type: 'reference', entity: 'customer', label: label('Customer') }, priority: { type: 'integer', label: label('Priority') }, source_ref: { type: 'text', label: label('Source') } } })).status).toBe(200);
    // The call-center module's side of the contract: marketers may create call lists and their entries.
    const marketer = { kind: 'role', name: 'marketer', label: label('Marketer'), entities: { call_list: { create: true, read: 'all' }, call_list_entry: { create: true, read: 'all' } } };
    expect((await as.admin('PUT', '/api/studio/role/marketer', marketer)).status).toBe(200);
    expect((await as.admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const after = await plan('触达二');
    expect(after.counts).toEqual({ none: 1, call: 1, email: 1, letter: 1 });
    const entries = (await get('admin', '/api/records/call_list_entry')).data;
    expect(entries).toEqual([expect.objectContaining({ contact: people[0].id, phone: '010-12345678', source_ref: expect.stringMatching(/^campaign_member:/) })]);
    expect((await get('admin', `/api/records/call_list/${entries[0].call_list}`))).toMatchObject({ name: '触达二', source: 'marketing' });
  });

  it('sends the campaign e-mail through the queue to e-mail members only, honouring do-not-contact and opt-outs; an unsubscribe records a response', async () => {
    const sink = await smtpSink();
    try {
      const people: Row[] = [];
      for (const [name, email] of [['邮一', 'p1@send.test'], ['邮二', 'p2@send.test'], ['邮三', 'p3@send.test'], ['无邮址', undefined]] as const) {
        const customer = (await post('admin', '/api/records/customer', { name: `发送${name}`, grade: 'normal', region: 'southwest' })).body;
        people.push((await post('admin', '/api/records/contact', { customer: customer.id, name, email })).body);
      }
      const segment = (await post('sunli', '/api/records/segment', { name: '西南发送', source: 'contact', filter: { '==': [{ var: 'customer.region' }, 'southwest'] } })).body;
      const campaignWith = async (name: string) => {
        const campaign = (await post('sunli', '/api/records/campaign', { name, type: 'email', channel: 'email', budget: 1000, email_template: 'campaign_invitation' })).body;
        expect((await post('sunli', `/api/records/campaign/${campaign.id}/actions/add_segment`, { segment: segment.id })).body.created).toBe(4);
        return { campaign, planned: (await post('sunli', `/api/records/campaign/${campaign.id}/actions/plan_outreach`, {})).body.channels };
      };
      const memberOf = async (campaign: string, contact: string) => (await get('sunli', `/api/records/campaign_member?filter=${q({ and: [{ '==': [{ var: 'campaign' }, campaign] }, { '==': [{ var: 'contact' }, contact] }] })}`)).data[0];
      const send = (campaign: string, params: Row = {}) => post('sunli', `/api/records/campaign/${campaign}/actions/send_email`, params);

      const { campaign, planned } = await campaignWith('西南邮件一');
      expect(planned).toEqual({ email: 3, letter: 1 });
      const letters = async () => {
        const res = await as.sunli('GET', `/api/x/marketing/campaigns/${campaign.id}/letters?locale=zh-CN`);
        expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
        return String(res.body).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      };
      expect(await letters()).toEqual(['收件人,职务,公司,地址,城市,省份,电话,称呼,营销活动', '无邮址,,发送无邮址,,,,,尊敬的无邮址：,西南邮件一']);
      expect((await patch('admin', 'contact', people[3].id, { do_not_contact: true })).status).toBe(200);
      expect(await letters()).toHaveLength(1); // do-not-contact: no letter either
      expect((await patch('admin', 'contact', people[2].id, { do_not_contact: true })).status).toBe(200); // after the channels were chosen
      expect((await send(campaign.id)).body.code).toBe('CAMPAIGN_NOT_SENDING');
      expect((await take('sunli', 'campaign', campaign.id, 'approve')).status).toBe(200);

      const bad = { kind: 'email_template', name: 'bad_invite', label: { en: 'Bad', 'zh-CN': '坏模板' }, subject: { en: 'Hi {{contact.nickname}}', 'zh-CN': '{{contact.nickname}}' }, text: { en: 'Hello', 'zh-CN': '您好' } };
      expect((await as.admin('PUT', '/api/studio/email_template/bad_invite', bad)).status).toBeLessThan(300);
      expect((await as.admin('POST', '/api/studio/publish', {})).status).toBe(200);
      expect((await patch('sunli', 'campaign', campaign.id, { email_template: 'bad_invite' })).status).toBe(200);
      const refused = await send(campaign.id);
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([422, 'MAIL_MERGE_FIELD', 'contact.nickname']);
      expect((await patch('sunli', 'campaign', campaign.id, { email_template: 'campaign_invitation' })).status).toBe(200);

      const settings = (await as.admin('GET', '/api/settings')).body;
      expect((await as.admin('PUT', '/api/settings', { bulkMailConfirmAbove: 1, version: settings.version })).status).toBe(200);
      const large = await send(campaign.id);
      expect([large.status, large.body.code, large.body.count]).toEqual([409, 'BULK_MAIL_CONFIRM', 2]);
      const queued = await send(campaign.id, { confirm: 2 });
      expect(queued.status, JSON.stringify(queued.body)).toBe(200);
      expect(queued.body).toMatchObject({ total: 2, recipients: 2, status: 'queued' });
      expect((await get('sunli', `/api/x/marketing/campaigns/${campaign.id}/sending`)).sending).toMatchObject({ queued: 2, done: false });
      expect(sink.messages).toHaveLength(0);

      const mail = { transport: sink.transport, from: 'crm@mkt.test' };
      await sendQueuedMail(knex, tenant, mail);
      expect((await get('sunli', `/api/x/marketing/campaigns/${campaign.id}/sending`)).sending).toMatchObject({ sent: 2, done: true });
      expect(sink.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : '')).sort()).toEqual(['p1@send.test', 'p2@send.test']);
      expect(sink.messages[0].subject).toBe('西南邮件一: you are invited');
      expect(sink.messages.find((m) => m.text?.includes('邮一'))?.text).toContain('发送邮一');
      expect((await memberOf(campaign.id, people[0].id)).status).toBe('sent');
      expect((await memberOf(campaign.id, people[2].id)).status).toBe('planned'); // do-not-contact: not mailed

      const toP2 = sink.messages.find((m) => m.text?.includes('邮二'))!;
      const link = new URL(/<([^>]+)>/.exec(toP2.headerLines.find((l) => l.key === 'list-unsubscribe')?.line ?? '')![1]);
      for (let i = 0; i < 2; i++) {
        const click = await fetch(`${url}${link.pathname}${link.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
        expect(click.status).toBe(200);
      }
      const responses = (await get('sunli', `/api/records/campaign_response?filter=${q({ '==': [{ var: 'kind' }, 'unsubscribe'] })}`)).data;
      expect(responses).toEqual([expect.objectContaining({ campaign: campaign.id, contact: people[1].id, email: 'p2@send.test' })]); // once, however often clicked
      expect((await memberOf(campaign.id, people[1].id)).status).toBe('opted_out');

      const second = await campaignWith('西南邮件二');
      expect(second.planned).toEqual({ email: 1, letter: 1, none: 2 }); // the opted-out address gets a letter
      const p2 = await memberOf(second.campaign.id, people[1].id);
      expect((await patch('sunli', 'campaign_member', p2.id, { channel: 'email' })).status).toBe(200); // chosen by hand: still not mailed
      expect((await take('sunli', 'campaign', second.campaign.id, 'approve')).status).toBe(200);
      expect((await send(second.campaign.id)).body).toMatchObject({ total: 2, recipients: 1 });
      const before = sink.messages.length;
      await sendQueuedMail(knex, tenant, mail);
      expect(sink.messages.length - before).toBe(1);
      expect((await memberOf(second.campaign.id, people[1].id)).status).toBe('opted_out');
      const bulk = (await get('sunli', `/api/records/campaign/${second.campaign.id}`)).email_bulk;
      const logged = await withTenant(knex, tenant, (trx) => trx('_mail_messages').where({ bulk_id: bulk }).select('status'));
      expect(logged.map((r: Row) => r.status).sort()).toEqual(['sent', 'skipped']);
    } finally {
      await sink.close();
    }
  });

  it('imports a static list from CSV into members: contacts by address, else leads (new ones with the campaign as source), each bad row named', async () => {
    const campaign = (await post('sunli', '/api/records/campaign', { name: '展会名单', type: 'trade_show', budget: 1000 })).body;
    const csv = '\uFEFF邮箱,姓名,公司,电话\n0a@mkt.test,,,\nvisitor@expo.test,王五,博览公司,13800000000\n,无邮箱,某公司,\nnot-an-address,坏地址,,\n0A@mkt.test,,,\n';
    const first = await post('sunli', `/api/x/marketing/campaigns/${campaign.id}/members/import`, { csv });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 5, added: 2, already: 1, errors: [{ row: 4, field: 'email', message: 'is required' }, { row: 5, field: 'email', message: 'is not an e-mail address' }] });
    const members = (await get('sunli', `/api/records/campaign_member?filter=${q({ '==': [{ var: 'campaign' }, campaign.id] })}&fields=contact,lead,customer,status`)).data;
    expect(members).toHaveLength(2);
    const lead = members.find((m: Row) => m.lead);
    expect(await get('sunli', `/api/records/lead/${lead.lead}`)).toMatchObject({ company: '博览公司', contact_name: '王五', source_campaign: campaign.id });
    expect((await post('sunli', `/api/x/marketing/campaigns/${campaign.id}/members/import`, { csv })).body).toMatchObject({ added: 0, already: 3 });
    expect((await post('sunli', `/api/x/marketing/campaigns/${campaign.id}/members/import`, { csv: 'a,"b\n' })).status).toBe(400);
  });

  it('imports a static list from an Excel workbook the same way, naming each bad row by its worksheet row', async () => {
    const campaign = (await post('sunli', '/api/records/campaign', { name: '展会名单（Excel）', type: 'trade_show', budget: 1000 })).body;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['Email', 'Name', 'Company', 'Phone']);
    sheet.addRow(['1a@mkt.test', '', '', '']); // a contact
    sheet.addRow([]); // a blank row is skipped
    sheet.addRow(['guest@expo.test', '赵六', '会展公司', 13900000000]); // a new lead, phone as a number cell
    sheet.addRow(['not-an-address', '坏地址', '', '']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const path = `/api/x/marketing/campaigns/${campaign.id}/members/import`;
    const first = await post('sunli', path, { xlsx });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 3, added: 2, already: 0, errors: [{ row: 5, field: 'email', message: 'is not an e-mail address' }] });
    const members = (await get('sunli', `/api/records/campaign_member?filter=${q({ '==': [{ var: 'campaign' }, campaign.id] })}&fields=contact,lead`)).data;
    const lead = members.find((m: Row) => m.lead);
    expect(await get('sunli', `/api/records/lead/${lead.lead}`)).toMatchObject({ company: '会展公司', contact_name: '赵六', phone: '13900000000', source_campaign: campaign.id });
    expect(members.filter((m: Row) => m.contact)).toHaveLength(1);
    expect((await post('sunli', path, { xlsx })).body).toMatchObject({ added: 0, already: 2 });
    const broken = await post('sunli', path, { xlsx: Buffer.from('not a workbook').toString('base64') });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ field: 'xlsx' });
  });

  it('lets a sales director read campaigns and members but change none', async () => {
    expect((await get('director', '/api/records/campaign?limit=50')).data.length).toBeGreaterThanOrEqual(4);
    expect((await get('director', `/api/records/campaign_member?filter=${q({ '==': [{ var: 'campaign' }, ids.campaign] })}`)).data).toHaveLength(5);
    expect((await post('director', '/api/records/campaign', { name: 'x', type: 'email' })).status).toBe(403);
    expect((await patch('director', 'campaign', ids.campaign, { name: 'x' })).status).toBe(403);
  });
});
