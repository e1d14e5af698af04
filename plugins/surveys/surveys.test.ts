import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, checkPluginMetadata, provisionTenant, smtpSink, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Surveys-2026';
const SLUG = 'svy';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** Polls until `fn` gives a truthy value (15 s at most). */
const until = async <T>(fn: () => Promise<T> | T, what: string): Promise<NonNullable<T>> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const addressesOf = (m: { to?: unknown }): string => JSON.stringify(m.to ?? '');
const tokenIn = (text: string | undefined): string => /\/p\/svy\/survey\/([A-Za-z0-9_-]{43})/.exec(text ?? '')![1];

/** Surveys over real HTTP: the invitation after a case or order, answering by one-time link, complaints on low scores, CSAT and NPS reports. */
describe('surveys', () => {
  let close: () => Promise<void>;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let savedSmtp: string | undefined;
  let url: string;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};
  const q: Record<string, string> = {};
  const post = (who: string, path: string, body: unknown = {}) => as[who]('POST', path, body);
  const create = async (who: string, entity: string, data: Row): Promise<Row> => {
    const res = await post(who, `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const take = async (who: string, entity: string, id: string, transition: string) => {
    const res = await post(who, `/api/records/${entity}/${id}/transitions/${transition}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Row;
  };
  const patch = async (entity: string, id: string, data: Row) => {
    const version = (await as.admin('GET', `/api/records/${entity}/${id}`)).body.version;
    const res = await as.admin('PATCH', `/api/records/${entity}/${id}`, data, { 'If-Match': String(version) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Row;
  };
  const list = async (entity: string, filter: unknown): Promise<Row[]> =>
    (await as.admin('GET', `/api/records/${entity}?limit=200&filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.data;
  const pub = (method: string, token: string, body?: unknown, lang?: string) =>
    fetch(`${url}/api/public/${SLUG}/x/surveys/answer/${token}${lang ? `?lang=${lang}` : ''}`, {
      method, headers: { 'content-type': 'application/json', 'accept-language': 'en' }, ...(body !== undefined && { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as Row }));
  const mailsTo = (address: string) => sink.messages.filter((m) => addressesOf(m).includes(address));

  /** A case of the contact walked to archived by the service manager and its handler. */
  const archivedCase = async (subject: string): Promise<Row> => {
    const c = await create('handler', 'service_case', { subject, customer: ids.customer, contact: ids.contact, product: ids.product, type: 'repair' });
    const assigned = await post('manager', `/api/records/service_case/${c.id}/actions/assign`, { handler: ids.handler });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await patch('service_case', c.id, { handling_notes: '更换了电源模块。' });
    await take('handler', 'service_case', c.id, 'handle');
    await patch('service_case', c.id, { satisfaction: 4 });
    await take('handler', 'service_case', c.id, 'feedback');
    return take('manager', 'service_case', c.id, 'archive');
  };

  /** The pending response of a case or order, once its mail went out (the link is then wiped). */
  const invitation = async (field: string, id: string, address: string, before: number): Promise<{ response: Row; token: string }> => {
    const mail = await until(() => mailsTo(address)[before], 'the invitation e-mail');
    const response = await until(async () => (await list('survey_response', { '==': [{ var: field }, id] }))[0], 'the response');
    return { response, token: tokenIn(mail.text) };
  };

  beforeAll(async () => {
    sink = await smtpSink();
    savedSmtp = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
    const started = await startTestServer({ workflows: true });
    close = () => started.server.close();
    url = started.url;
    await provisionTenant({ slug: SLUG, adminEmail: `admin@${SLUG}.local`, adminPassword: PASSWORD, plugins: ['surveys', 'portal'] }, { knex: started.db.knex });
    await fetch(`${url}/api/health/live`).catch(() => undefined);
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: SLUG, email, password: PASSWORD })).body.token as string;
    as.admin = api(url, await login(`admin@${SLUG}.local`));
    const team = await create('admin', 'team', { name: 'service_east' });
    ids.team = team.id;
    for (const [who, roles] of [['manager', ['service_manager']], ['handler', ['account_manager']]] as const) {
      const made = await post('admin', '/api/users', { email: `${who}@${SLUG}.local`, password: PASSWORD, name: who, roles, team: 'service_east' });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      ids[who] = made.body.id;
      as[who] = api(url, await login(`${who}@${SLUG}.local`));
    }
    ids.customer = (await create('handler', 'customer', { name: '苏州恒信精密机械有限公司' })).id;
    ids.contact = (await create('handler', 'contact', { customer: ids.customer, name: '陈静', email: 'chen.jing@hengxin.test' })).id;
    ids.product = (await create('admin', 'product', { sku: 'SVC-1', name: '年度维保服务', price: 5000, category: 'service' })).id;
    ids.caseSurvey = (await create('manager', 'survey', { name: '服务回访', trigger: 'case_archived', valid_days: 14 })).id;
    q.rating = (await create('manager', 'survey_question', { survey: ids.caseSurvey, position: 1, kind: 'rating', label_en: 'How satisfied are you?', label_zh: '您满意吗？', required: true })).id;
    q.solved = (await create('manager', 'survey_question', { survey: ids.caseSurvey, position: 2, kind: 'choice', label_en: 'Was it solved?', label_zh: '问题解决了吗？', required: true, options: 'yes|Yes|已解决\nno|No|未解决' })).id;
    q.note = (await create('manager', 'survey_question', { survey: ids.caseSurvey, position: 3, kind: 'text', label_en: 'Anything else?', label_zh: '其他意见？' })).id;
    ids.orderSurvey = (await create('manager', 'survey', { name: '订单推荐度', trigger: 'order_completed' })).id;
    q.nps = (await create('manager', 'survey_question', { survey: ids.orderSurvey, position: 1, kind: 'nps', label_en: 'Would you recommend us?', label_zh: '您会推荐我们吗？', required: true })).id;
  }, 600_000);
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.CRM_SMTP_URL;
    else process.env.CRM_SMTP_URL = savedSmtp;
    await close?.();
    await sink?.close();
  });

  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('surveys')).toEqual([]);
  });

  it('archiving a case e-mails one invitation with a one-time link, keeping only its hash', async () => {
    const c = await archivedCase('打印机卡纸');
    ids.case1 = c.id;
    const { response, token } = await invitation('service_case', c.id, 'chen.jing@hengxin.test', 0);
    ids.token1 = token;
    ids.response1 = response.id;
    expect(response).toMatchObject({ status: 'pending', survey: ids.caseSurvey, customer: ids.customer, contact: ids.contact, product: ids.product, team: ids.team, email: 'chen.jing@hengxin.test', language: 'zh-CN' });
    expect(response.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(response.token_hash).not.toContain(token);
    const mail = mailsTo('chen.jing@hengxin.test')[0];
    expect(mail.subject).toContain(response.code);
    expect(mail.text).toContain('链接仅可使用一次');
    await until(async () => (await as.admin('GET', `/api/records/survey_response/${response.id}`)).body.link === null, 'the link wiped');
    expect(mailsTo('chen.jing@hengxin.test')).toHaveLength(1);
    // staff see no token material
    const seen = (await as.manager('GET', `/api/records/survey_response/${response.id}`)).body;
    expect(seen.token_hash).toBeUndefined();
  });

  it('shows the survey in the visitor\'s language, refuses bad answers with every field and writes nothing, then takes the answers once', async () => {
    const zh = await pub('GET', ids.token1, undefined, 'zh-CN');
    expect(zh.status).toBe(200);
    expect(zh.body).toMatchObject({ locale: 'zh-CN', title: '服务回访', questions: [{ id: q.rating, kind: 'rating', label: '您满意吗？', required: true }, { id: q.solved, kind: 'choice', label: '问题解决了吗？', options: [{ value: 'yes', label: '已解决' }, { value: 'no', label: '未解决' }] }, { id: q.note, kind: 'text', required: false }] });
    expect((await pub('GET', ids.token1, undefined, 'en')).body.questions[0].label).toBe('How satisfied are you?');

    const bad = await pub('POST', ids.token1, { answers: { [q.rating]: 7, [q.solved]: 'maybe', '0190aaaa-0000-7000-8000-000000000000': 1 } });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.code).toBe('SURVEY_ANSWERS_INVALID');
    expect(bad.body.errors.map((e: Row) => e.field).sort()).toEqual([`answers.${q.rating}`, `answers.${q.solved}`, 'answers.0190aaaa-0000-7000-8000-000000000000'].sort());
    const missing = await pub('POST', ids.token1, { answers: { [q.note]: 'ok' } });
    expect([missing.status, missing.body.errors.map((e: Row) => e.field).sort()]).toEqual([422, [`answers.${q.rating}`, `answers.${q.solved}`].sort()]);
    expect((await pub('POST', ids.token1, { answers: [] })).status).toBe(422);
    expect(await list('survey_answer', { '==': [{ var: 'response' }, ids.response1] })).toEqual([]);
    expect((await as.admin('GET', `/api/records/survey_response/${ids.response1}`)).body.status).toBe('pending');

    const ok = await pub('POST', ids.token1, { answers: { [q.rating]: 4, [q.solved]: 'yes', [q.note]: '  工程师很专业  ' } });
    expect([ok.status, ok.body]).toEqual([200, { ok: true }]);
    const answered = (await as.admin('GET', `/api/records/survey_response/${ids.response1}`)).body;
    expect(answered).toMatchObject({ status: 'answered', csat: 4, nps: null, comment: '工程师很专业', complaint_case: null });
    expect(answered.answered_at).toEqual(expect.any(String));
    expect((await list('survey_answer', { '==': [{ var: 'response' }, ids.response1] })).map((a) => a.value).sort()).toEqual(['4', 'yes', '工程师很专业']);

    const again = await pub('POST', ids.token1, { answers: { [q.rating]: 1, [q.solved]: 'no' } });
    expect([again.status, again.body.code]).toEqual([409, 'SURVEY_ALREADY_ANSWERED']);
    expect((await pub('GET', ids.token1)).status).toBe(409);
    expect(await list('survey_answer', { '==': [{ var: 'response' }, ids.response1] })).toHaveLength(3);
  });

  it('refuses forged, malformed and expired links without saying whose they were', async () => {
    const forged = await pub('GET', 'A'.repeat(43));
    expect([forged.status, forged.body.code]).toEqual([404, 'SURVEY_LINK_NOT_FOUND']);
    expect((await pub('POST', 'A'.repeat(43), { answers: {} })).status).toBe(404);
    expect((await pub('GET', `${ids.token1.slice(0, 42)}x`)).status).toBe(404);
    expect((await pub('GET', 'short')).status).toBe(404);
    const c = await archivedCase('显示器闪屏');
    const { response, token } = await invitation('service_case', c.id, 'chen.jing@hengxin.test', 1);
    await until(async () => (await as.admin('GET', `/api/records/survey_response/${response.id}`)).body.link === null, 'the link wiped');
    await patch('survey_response', response.id, { expires_at: new Date(Date.now() - 60_000).toISOString() });
    const expired = await pub('GET', token);
    expect([expired.status, expired.body.code]).toEqual([410, 'SURVEY_LINK_EXPIRED']);
    expect((await pub('POST', token, { answers: { [q.rating]: 5, [q.solved]: 'yes' } })).status).toBe(410);
    for (const answer of [forged, expired]) expect(JSON.stringify(answer.body)).not.toMatch(/恒信|chen\.jing|SV\d|服务回访/);
    expect((await as.admin('GET', `/api/records/survey_response/${response.id}`)).body.status).toBe('pending');
  });

  it('a completed order asks for a recommendation; a low score opens exactly one complaint case linked to the response', async () => {
    const warehouse = await create('admin', 'warehouse', { code: 'SZ01', name: '苏州仓' });
    const order = await create('admin', 'sales_order', { customer: ids.customer, warehouse: warehouse.id });
    await create('admin', 'order_line', { sales_order: order.id, product: ids.product, quantity: 1 });
    for (const t of ['confirm', 'pay', 'ship', 'complete']) await take('admin', 'sales_order', order.id, t);
    const { response, token } = await invitation('sales_order', order.id, 'chen.jing@hengxin.test', 2);
    expect(response).toMatchObject({ survey: ids.orderSurvey, product: ids.product, contact: ids.contact });
    const complaints = () => list('service_case', { '==': [{ var: 'type' }, 'complaint'] });
    expect(await complaints()).toEqual([]);
    expect((await pub('POST', token, { answers: { [q.nps]: 11 } })).status).toBe(422);
    expect((await pub('POST', token, { answers: { [q.nps]: 3 } })).status).toBe(200);
    const answered = (await as.admin('GET', `/api/records/survey_response/${response.id}`)).body;
    expect(answered).toMatchObject({ nps: 3, nps_category: 'detractor', nps_points: -100 });
    const [complaint] = await complaints();
    expect(complaint).toMatchObject({ id: answered.complaint_case, customer: ids.customer, contact: ids.contact, product: ids.product, priority: 'high', status: 'new' });
    // In the tenant's language (English here), naming the response and the order it was about.
    expect(complaint.subject).toMatch(/^Low survey score \S+ \(order \S+\)$/);
    await patch('survey_response', response.id, { comment: '补充说明' });
    expect((await pub('POST', token, { answers: { [q.nps]: 2 } })).status).toBe(409);
    expect(await complaints()).toHaveLength(1);
    // a satisfied answer opens none
    expect((await as.admin('GET', `/api/records/survey_response/${ids.response1}`)).body.complaint_case).toBeNull();
  });

  it('a signed-in portal user sees the company\'s open survey and answers it there; others\' and anonymous callers are refused', async () => {
    const c = await archivedCase('网络中断');
    const { response } = await invitation('service_case', c.id, 'chen.jing@hengxin.test', 3);
    const invite = await post('admin', `/api/records/contact/${ids.contact}/actions/portal_access`, {});
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const accepted = await api(url)('POST', '/api/portal/auth/accept', { tenant: SLUG, token: new URL(invite.body.invitation.link, url).searchParams.get('token'), password: PASSWORD });
    expect(accepted.status).toBe(200);
    const portal = api(url, accepted.body.token);
    const base = `/api/public/${SLUG}/x/surveys/portal`;
    expect((await api(url)('GET', base)).status).toBe(401);
    const mine = await portal('GET', `${base}?lang=en`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.data).toEqual([expect.objectContaining({ id: response.id, code: response.code, title: '服务回访' })]);
    const other = await create('admin', 'customer', { name: '另一家公司' });
    const foreign = await create('admin', 'survey_response', { survey: ids.caseSurvey, customer: other.id, status: 'pending', expires_at: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await portal('GET', `${base}/${foreign.id}`)).status).toBe(404);
    expect((await portal('POST', `${base}/${foreign.id}`, { answers: { [q.rating]: 5, [q.solved]: 'yes' } })).status).toBe(404);
    expect((await portal('GET', `${base}/${response.id}?lang=zh-CN`)).body.questions[0].label).toBe('您满意吗？');
    expect((await portal('POST', `${base}/${response.id}`, { answers: { [q.rating]: 6 } })).status).toBe(422);
    expect((await portal('POST', `${base}/${response.id}`, { answers: { [q.rating]: 5, [q.solved]: 'yes' } })).status).toBe(200);
    expect((await portal('POST', `${base}/${response.id}`, { answers: { [q.rating]: 5, [q.solved]: 'yes' } })).status).toBe(409);
    expect((await portal('GET', base)).body.data).toEqual([]);
    expect((await as.admin('GET', `/api/records/survey_response/${response.id}`)).body).toMatchObject({ status: 'answered', csat: 5 });
  });

  it('reports CSAT as the average and NPS as % promoters − % detractors', async () => {
    const base = { survey: ids.orderSurvey, customer: ids.customer, team: ids.team, status: 'answered', answered_at: '2026-03-10T08:00:00Z' };
    for (const [nps, category, points] of [[10, 'promoter', 100], [9, 'promoter', 100], [8, 'passive', 0], [7, 'passive', 0], [5, 'detractor', -100]] as const) {
      await create('admin', 'survey_response', { ...base, nps, nps_category: category, nps_points: points, csat: nps / 2 });
    }
    const answered = await list('survey_response', { '==': [{ var: 'status' }, 'answered'] });
    expect(answered.filter((r) => r.team !== ids.team)).toHaveLength(1); // the order's: its owner has no team
    expect(answered).toHaveLength(8);
    const scored = answered.filter((r) => r.nps !== null && r.team === ids.team);
    const expectedNps = (100 * (scored.filter((r) => r.nps >= 9).length - scored.filter((r) => r.nps <= 6).length)) / scored.length;
    const rated = answered.filter((r) => r.csat !== null && r.team === ids.team);
    const expectedCsat = rated.reduce((s, r) => s + Number(r.csat), 0) / rated.length;
    const byTeam = await post('manager', '/api/reports/nps_by_team/run');
    expect(byTeam.status, JSON.stringify(byTeam.body)).toBe(200);
    const teamRow = (byTeam.body.rows as Row[]).find((r) => r['team.name'] === 'service_east')!;
    expect(Number(teamRow.nps)).toBeCloseTo(expectedNps, 6);
    expect(Number(teamRow.responses)).toBe(scored.length);
    const march = ((await post('manager', '/api/reports/nps_by_month/run')).body.rows as Row[]).find((r) => String(r.answered_at_month).startsWith('2026-03'))!;
    expect(Number(march.nps)).toBeCloseTo(20, 6); // 2 promoters, 1 detractor of 5
    const csat = ((await post('manager', '/api/reports/csat_by_team/run')).body.rows as Row[]).find((r) => r['team.name'] === 'service_east')!;
    expect(Number(csat.avg_csat)).toBeCloseTo(expectedCsat, 6);
    expect((await post('manager', '/api/reports/nps_by_product/run')).status).toBe(200);
    expect((await post('manager', '/api/reports/csat_by_month/run')).status).toBe(200);
  });
});
