import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import { localTime } from './dialer/window.js';
import { TelephonySimulator } from './cti/simulator.js';
import { httpGatewayClient } from './gateway/client.js';
import { CtiGateway } from './gateway/gateway.js';

const PASSWORD = 'Zidong-Waihu-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const X = '/api/x/callcenter';

/** Polls `read` until `done` holds for what it answers, within a deadline. */
const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`Still not ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setImmediate(r));
  }
};

/** The progressive and predictive dialers on the gateway's heartbeat, over real HTTP with the telephony simulator. */
describe('callcenter: the dialing loop', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};
  let gateway: CtiGateway;
  let sim: TelephonySimulator;
  let queue: Row;
  const machines = new Set<string>();

  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const read = async (entity: string, id: string) => (await as.manager('GET', `/api/records/${entity}/${id}`)).body as Row;
  const callsOf = async (entry: string) =>
    (await as.manager('GET', `/api/records/phone_call?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'call_list_entry' }, entry] }))}`)).body.data as Row[];
  const state = async (who: string, s: string) => expect((await as[who]('POST', `${X}/agents/me/state`, { state: s })).status).toBe(200);
  const setStatus = async (l: Row, status: string) => expect((await as.manager('PATCH', `/api/records/call_list/${l.id}`, { status }, { 'If-Match': String(l.version) })).status).toBe(200);
  const list = (name: string, data: Row) => create('manager', 'call_list', { name, source: 'import', status: 'active', queue: queue.id, window_start: '00:00', window_end: '23:59', max_attempts: 3, retry_minutes: 30, ...data });
  const entry = (l: Row, phone: string, data: Row = {}) => create('manager', 'call_list_entry', { call_list: l.id, phone, status: 'pending', attempts: 0, ...data });

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'ccdial', adminEmail: 'admin@ccdial.local', adminPassword: PASSWORD, plugins: ['callcenter'] }, { knex: db.knex });
    const login = async (who: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'ccdial', email: `${who}@ccdial.local`, password: PASSWORD })).body.token as string;
    as.admin = api(url, await login('admin'));
    for (const [who, roles] of [['manager', ['call_center_manager']], ['rep1', ['call_agent']], ['rep2', ['call_agent']]] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${who}@ccdial.local`, password: PASSWORD, name: who, roles });
      expect(made.status).toBe(201);
      ids[who] = made.body.id;
    }
    const managerToken = await login('manager');
    as.manager = api(url, managerToken);
    as.rep1 = api(url, await login('rep1'));
    as.rep2 = api(url, await login('rep2'));
    queue = await create('manager', 'call_queue', { name: 'telesales', label: '电话销售', strategy: 'longest_idle' });
    await create('manager', 'callcenter_settings', { name: 'default', adapter: 'simulator', outbound_caller_id: '+864008001234', abandon_cap: 20 });
    sim = new TelephonySimulator({ ringMs: 2, callee: (to) => (machines.has(to) ? 'machine' : 'human') });
    for (const [who, ext] of [['rep1', '8101'], ['rep2', '8102']]) {
      expect((await as[who]('POST', `${X}/agents/me/sign-in`, { extension: ext })).status).toBe(200);
      sim.addExtension(ext);
    }
    gateway = new CtiGateway(sim, httpGatewayClient(url, managerToken), { tickMs: 0, onError: (e) => console.error(e) });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await close?.();
  });

  it('progressive: one call per available agent, the rep\'s own numbers first, skipping do-not-call numbers; the entry is done when the rep hangs up', async () => {
    const l = await list('续约外呼', { mode: 'progressive' });
    const blocked = await entry(l, '139 2222 3333', { priority: 10 });
    const open = await entry(l, '138 0000 1111', { priority: 9 });
    const theirs = await entry(l, '021-6666 7777', { priority: 1, assigned_to: ids.rep2 });
    await create('manager', 'do_not_call', { phone: '13922223333', reason: '客户要求不再来电' });
    await state('rep1', 'available');
    await state('rep2', 'available');

    await gateway.tick();
    expect((await read('call_list_entry', blocked.id)).status).toBe('blocked');
    expect(await callsOf(blocked.id)).toHaveLength(0);
    const [mine] = await until(() => callsOf(theirs.id), (c) => c[0]?.status === 'connected', 'the rep\'s number connected');
    const [other] = await until(() => callsOf(open.id), (c) => c[0]?.status === 'connected', 'the open number connected');
    const agentOf = async (who: string) => (await as[who]('GET', `${X}/agents/me`)).body.agent as Row;
    expect(mine).toMatchObject({ direction: 'outbound', dnis: '+862166667777', agent: (await agentOf('rep2')).id });
    expect(other).toMatchObject({ direction: 'outbound', dnis: '+8613800001111', agent: (await agentOf('rep1')).id });
    expect(await agentOf('rep1')).toMatchObject({ state: 'on_call', current_call: other.id });

    const hung = await as.rep1('POST', `${X}/calls/${other.id}/hangup`, { disposition: 'order_taken' });
    expect(hung.status, JSON.stringify(hung.body)).toBe(200);
    expect(await read('call_list_entry', open.id)).toMatchObject({ status: 'done', attempts: 1 });
    await as.rep2('POST', `${X}/calls/${mine.id}/hangup`, { disposition: 'info_given' });
    await setStatus(l, 'done');
    await gateway.tick();
    await gateway.idle();
    expect(sim.liveCalls).toBe(0);
  });

  it('dials only inside the calling window on the callee\'s clock', async () => {
    const [h] = localTime(Date.now(), 'Asia/Shanghai').split(':').map(Number);
    const pad = (n: number) => `${String(n % 24).padStart(2, '0')}:00`;
    const l = await list('夜间不打扰', { mode: 'progressive', window_start: pad(h + 2), window_end: pad(h + 3) });
    const e = await entry(l, '137 0000 1234');
    await state('rep1', 'available');
    await gateway.tick();
    expect(await callsOf(e.id)).toHaveLength(0);
    expect((await read('call_list_entry', e.id)).status).toBe('pending');
    await setStatus(l, 'paused');
  });

  it('predictive: paces from the measured window; an answered call with no agent free is dropped and tried again later, then one call per agent', async () => {
    await state('rep1', 'available');
    await state('rep2', 'break');
    const l = await list('预测式外呼', { mode: 'predictive', dial_ratio: 2, abandon_cap: 20 });
    // The last hour: the 2 answered calls above, 9 more answered and 11 unanswered. Answer rate (11 + 0.5·10) / 32 = 0.5,
    // so two dials for the one free agent; a bad draw abandons 1.41 of 12 answered, under ¾ of the 20 % cap.
    const past = await entry(l, '136 0000 0009', { status: 'done' });
    const at = new Date(Date.now() - 600_000).toISOString();
    for (let i = 0; i < 20; i++) {
      await create('manager', 'phone_call', { direction: 'outbound', status: 'ended', queue: queue.id, call_list_entry: past.id, dnis: '+8613600000009', offered_at: at, ...(i < 9 ? { outcome: 'answered', answered_at: at, talk_seconds: 120, wrap_up_seconds: 30 } : { outcome: 'no_answer' }) });
    }
    const entries = [await entry(l, '136 0000 0001', { priority: 3 }), await entry(l, '136 0000 0002', { priority: 2 }), await entry(l, '136 0000 0003', { priority: 1 }), await entry(l, '136 0000 0004', { priority: 0 })];
    await gateway.tick();
    const calls = await until(
      async () => (await Promise.all(entries.map((e) => callsOf(e.id)))).flat(),
      (c) => c.length === 2 && c.every((x) => x.status === 'connected' || x.status === 'ended'),
      'two calls answered',
    );
    expect([...(await callsOf(entries[2].id)), ...(await callsOf(entries[3].id))]).toHaveLength(0);
    const connected = calls.find((c) => c.status === 'connected')!;
    const dropped = calls.find((c) => c.status === 'ended')!;
    expect(connected.agent).toBe((await as.rep1('GET', `${X}/agents/me`)).body.agent.id);
    expect(dropped).toMatchObject({ outcome: 'dropped', agent: null });
    const retried = await read('call_list_entry', dropped.call_list_entry);
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(retried.next_attempt_at)).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect((await as.manager('GET', `${X}/wallboard`)).status).toBe(200);

    // Now 13 answered of 24 attempts, one dropped: the measured rate (13 + 5) / 34 ≈ 0.53 gives one call per free agent.
    await as.rep1('POST', `${X}/calls/${connected.id}/hangup`, { disposition: 'info_given' });
    await state('rep1', 'available');
    await gateway.tick();
    const [third] = await until(() => callsOf(entries[2].id), (c) => c[0]?.status === 'connected', 'the last number connected');
    expect(await callsOf(entries[3].id)).toHaveLength(0);
    await as.rep1('POST', `${X}/calls/${third.id}/hangup`, { disposition: 'info_given' });
    await setStatus(l, 'paused');
    await gateway.tick();
    await gateway.idle();
    expect(sim.liveCalls).toBe(0);
  });

  it('an answering machine hears the list\'s message and is hung up on: never given to the agent, not abandoned, tried again', async () => {
    await state('rep1', 'available');
    const l = await list('答录机留言', { mode: 'progressive', machine_action: 'leave_message', machine_message: '您好，这里是客服中心，稍后再联系您。' });
    machines.add('+8613500000001');
    const e = await entry(l, '135 0000 0001');
    await gateway.tick();
    const [call] = await until(() => callsOf(e.id), (c) => c[0]?.status === 'ended', 'the machine call ended');
    expect(call).toMatchObject({ outcome: 'machine', answered_at: null });
    expect(sim.played.filter((p) => p.callId === call.cti_call_id).map((p) => p.prompt.text)).toEqual(['您好，这里是客服中心，稍后再联系您。']);
    expect((await as.rep1('GET', `${X}/agents/me`)).body.agent).toMatchObject({ state: 'available', current_call: null });
    expect(await read('call_list_entry', e.id)).toMatchObject({ status: 'pending', attempts: 1 });
    await setStatus(l, 'paused');
    await gateway.idle();
  });
});
