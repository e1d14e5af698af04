import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openEventStream, provisionTenant, startTestServer, type EventStream } from '../../core/plugins/testing.js';

const PASSWORD = 'Hujiao-Zhongxin-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const X = '/api/x/callcenter';

/** Inbound calls over real HTTP: E.164 on save, routing to a free agent, the screen pop pushed live and read in the agent's scope, answer and hang-up, queueing. */
describe('callcenter: inbound calls, screen pop and routing', () => {
  let close: () => Promise<void>;
  let url: string;
  const as: Record<string, Call> = {};
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const streams: EventStream[] = [];
  let customer: Row;
  let vip: Row;
  let contact: Row;
  let queues: Record<string, Row> = {};

  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const user = async (login: string, name: string, roles: string[]) => {
    const made = await as.admin('POST', '/api/users', { email: `${login}@cc.local`, password: PASSWORD, name, roles });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    ids[login] = made.body.id;
    const res = await api(url)('POST', '/api/auth/login', { tenant: 'cc', email: `${login}@cc.local`, password: PASSWORD });
    tokens[login] = res.body.token;
    as[login] = api(url, res.body.token);
  };
  const offer = async (ani: string) => {
    const res = await as.manager('POST', `${X}/calls`, { ani, dnis: '400-800-1234', ctiCallId: `sim-${ani}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { call: Row; agent: Row | null; route: Row };
  };

  beforeAll(async () => {
    const { db, server, url: u } = await startTestServer();
    url = u;
    close = () => server.close();
    await provisionTenant({ slug: 'cc', adminEmail: 'admin@cc.local', adminPassword: PASSWORD, plugins: ['callcenter'] }, { knex: db.knex });
    const res = await api(url)('POST', '/api/auth/login', { tenant: 'cc', email: 'admin@cc.local', password: PASSWORD });
    as.admin = api(url, res.body.token);
    await user('manager', '孙立伟', ['call_center_manager']);
    await user('xiaoyan', '陈晓燕', ['call_agent']);
    await user('liuyang', '刘洋', ['call_agent']);
    await user('lihua', '李华', ['account_manager']);
    customer = await create('admin', 'customer', { name: '苏州恒信精密机械有限公司', phone: '0512-6688 1234', grade: 'normal' });
    vip = await create('admin', 'customer', { name: '上海浦江能源集团有限公司', phone: '021 6123 4567', grade: 'strategic' });
    contact = await create('admin', 'contact', { customer: customer.id, name: '刘建国', mobile: '138 1234 5678', phone: '(0512) 6688-1235' });
    for (const q of [
      { name: 'general', label: '综合咨询', strategy: 'longest_idle', priority: 0, service_level_seconds: 20 },
      { name: 'vip', label: '大客户专线', strategy: 'skill', skill: 'vip', priority: 10, service_level_seconds: 10 },
    ])
      queues[q.name] = await create('manager', 'call_queue', q);
    await create('manager', 'routing_rule', { name: 'VIP', sequence: 10, condition: { in: [{ var: 'customer.grade' }, ['strategic', 'major']] }, queue: queues.vip.id, priority: 10 });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await close?.();
  });

  it('stores phone numbers in E.164 whatever way they were typed', async () => {
    expect(customer.phone).toBe('+8651266881234');
    expect(contact).toMatchObject({ mobile: '+8613812345678', phone: '+8651266881235' });
    const patched = await as.admin('PATCH', `/api/records/contact/${contact.id}`, { phone: '0512-66881236' }, { 'If-Match': String(contact.version) });
    expect(patched.status).toBe(200);
    expect(patched.body.phone).toBe('+8651266881236');
  });

  it('signs agents in to their phones and refuses bad input without a change', async () => {
    expect((await as.xiaoyan('POST', `${X}/agents/me/state`, { state: 'available' })).body.code).toBe('CALLCENTER_NO_AGENT');
    const bad = await as.xiaoyan('POST', `${X}/agents/me/sign-in`, { extension: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'extension' });
    expect((await as.xiaoyan('GET', `${X}/agents/me`)).body.agent).toBeNull();
    for (const [who, ext] of [['xiaoyan', '8001'], ['liuyang', '8002'], ['lihua', '8003']]) {
      const res = await as[who]('POST', `${X}/agents/me/sign-in`, { extension: ext });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ extension: ext, state: 'offline', owner_id: ids[who] });
    }
    expect((await as.xiaoyan('POST', `${X}/agents/me/state`, { state: 'lunch' })).status).toBe(400);
  });

  it('routes a known caller to the longest-idle agent and pops their record on the agent\'s screen before answering', async () => {
    const live = await openEventStream(url, tokens.xiaoyan);
    streams.push(live);
    await live.next((e) => e.event === 'ready');
    expect((await as.xiaoyan('POST', `${X}/agents/me/state`, { state: 'available' })).body).toMatchObject({ agent: { state: 'available' }, call: null });
    expect((await as.liuyang('POST', `${X}/agents/me/state`, { state: 'available' })).status).toBe(200);

    const { call, agent, route } = await offer('+86 138-1234-5678');
    expect(route).toEqual({ queue: queues.general.id, priority: 0 });
    expect(agent).toMatchObject({ owner_id: ids.xiaoyan, state: 'ringing', current_call: call.id });
    expect(call).toMatchObject({ status: 'ringing', ani: '+8613812345678', dnis: '+864008001234', customer: customer.id, contact: contact.id });

    const rung = await live.next((e) => e.event === 'callcenter.offered');
    expect(rung.data).toMatchObject({ call: call.id, ani: '+8613812345678' });
    const pop = await as.xiaoyan('GET', `${X}/calls/${call.id}/pop`);
    expect(pop.status).toBe(200);
    expect(pop.body.matches).toEqual(
      expect.arrayContaining([
        { entity: 'contact', id: contact.id, title: '刘建国', customer: customer.id },
      ]),
    );
    expect(pop.body.newContact).toBeNull();
    expect((await as.liuyang('POST', `${X}/calls/${call.id}/answer`)).status).toBe(404);

    const answered = await as.xiaoyan('POST', `${X}/calls/${call.id}/answer`);
    expect(answered.body).toMatchObject({ status: 'connected', in_service_level: true });
    const ended = await as.xiaoyan('POST', `${X}/calls/${call.id}/hangup`, { disposition: 'info_given', notes: '咨询设备保修期限' });
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'answered', disposition: 'info_given', notes: '咨询设备保修期限' });
    expect((await as.xiaoyan('GET', `${X}/agents/me`)).body.agent).toMatchObject({ state: 'wrap_up', current_call: null });
    const onCustomer = await as.admin('GET', `/api/records/phone_call?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'customer' }, customer.id] }))}`);
    expect(onCustomer.body.data.map((c: Row) => c.id)).toEqual([call.id]);
  });

  it('gives an unknown caller a new-contact form with the number, and shows each agent only what they may read', async () => {
    const unknown = await offer('139 0000 1111');
    expect(unknown.agent).toMatchObject({ owner_id: ids.liuyang });
    const pop = await as.liuyang('GET', `${X}/calls/${unknown.call.id}/pop`);
    expect(pop.body).toMatchObject({ matches: [], newContact: { entity: 'contact', values: { mobile: '+8613900001111' } } });
    await as.liuyang('POST', `${X}/calls/${unknown.call.id}/answer`);
    await as.liuyang('POST', `${X}/calls/${unknown.call.id}/hangup`, { disposition: 'wrong_number' });

    // 李华 is an account manager: the caller's customer is not theirs, so the pop finds nothing for them.
    await as.lihua('POST', `${X}/agents/me/state`, { state: 'available' });
    const known = await offer('13812345678');
    expect(known.agent).toMatchObject({ owner_id: ids.lihua });
    expect(known.call.contact).toBe(contact.id);
    expect((await as.lihua('GET', `${X}/calls/${known.call.id}/pop`)).body.matches).toEqual([]);
  });

  it('routes a VIP by the rule to the priority queue; with nobody free the call waits, and the next free agent takes it', async () => {
    const waiting = await offer('021-61234567');
    expect(waiting.route).toEqual({ rule: 'VIP', queue: queues.vip.id, priority: 10 });
    expect(waiting.agent).toBeNull();
    expect(waiting.call).toMatchObject({ status: 'queued', queue: queues.vip.id, customer: vip.id, priority: 10 });
    const board = await as.manager('GET', `${X}/wallboard`);
    expect(board.body).toMatchObject({ waiting: 1, agents: { ringing: 1 } });

    // the vip queue needs the skill: an agent without it going available does not take the call
    const agentId = (await as.liuyang('GET', `${X}/agents/me`)).body.agent.id;
    expect((await as.liuyang('POST', `${X}/agents/me/state`, { state: 'break' })).body.call).toBeNull();
    await create('manager', 'agent_skill', { agent: agentId, skill: 'vip', level: 8 });
    const served = await as.liuyang('POST', `${X}/agents/me/state`, { state: 'available' });
    expect(served.body).toMatchObject({ agent: { state: 'ringing' }, call: { id: waiting.call.id, status: 'ringing' } });
    expect((await as.manager('GET', `${X}/wallboard`)).body.waiting).toBe(0);
  });

  it('counts today on the wallboard', async () => {
    const board = (await as.manager('GET', `${X}/wallboard`)).body;
    expect(board.today).toMatchObject({ offered: 2, answered: 2, abandoned: 0, serviceLevel: 100 });
    expect(board.agents.available + board.agents.wrap_up + board.agents.ringing).toBe(3);
  });

  it('reports inbound totals by outcome and agent performance from the call records', async () => {
    const byDay = await as.manager('POST', '/api/reports/calls_by_day/run', {});
    expect(byDay.status, JSON.stringify(byDay.body)).toBe(200);
    expect(byDay.body.rows.reduce((n: number, r: Row) => n + Number(r.calls), 0)).toBe(2);
    const agents = (await as.manager('POST', '/api/reports/agent_performance/run', {})).body.rows as Row[];
    expect(agents.map((r) => [r['agent.name'], Number(r.calls)]).sort()).toEqual([['刘洋', 1], ['陈晓燕', 1]]);
  });
});
