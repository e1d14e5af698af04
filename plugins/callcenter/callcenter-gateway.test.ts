import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import { AriAdapter } from './cti/ari-adapter.js';
import { AdapterConfigError, selectAdapter } from './cti/select-adapter.js';
import { TelephonySimulator } from './cti/simulator.js';
import { httpGatewayClient } from './gateway/client.js';
import { CtiGateway } from './gateway/gateway.js';

const PASSWORD = 'Wangguan-Jiaohuan-2026';
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

/** The gateway between the telephony simulator and the server, over real HTTP: IVR, offer and bridge, the PBX's events on the call record, overflow, announcements, console hang-ups, click-to-dial, notes as activities. */
describe('callcenter: the CTI gateway', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  let gateway: CtiGateway;
  let sim: TelephonySimulator;
  let customer: Row;
  let contact: Row;
  let url: string;
  let managerToken: string;
  const prompts: string[] = [];

  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const callOf = (ctiCallId: string, done: (c: Row) => boolean = () => true) =>
    until(async () => (await as.manager('GET', `/api/records/phone_call?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'cti_call_id' }, ctiCallId] }))}`)).body.data[0] as Row, (c) => Boolean(c) && done(c), `a call record for ${ctiCallId}`);
  const callWhere = (id: string, done: (c: Row) => boolean, what: string) => until(async () => (await as.manager('GET', `/api/records/phone_call/${id}`)).body as Row, done, what);
  const state = async (state: string) => expect((await as.agent('POST', `${X}/agents/me/state`, { state })).status).toBe(200);

  beforeAll(async () => {
    const started = await startTestServer();
    const { db, server } = started;
    url = started.url;
    close = () => server.close();
    await provisionTenant({ slug: 'ccgw', adminEmail: 'admin@ccgw.local', adminPassword: PASSWORD, plugins: ['callcenter'] }, { knex: db.knex });
    const login = async (who: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'ccgw', email: `${who}@ccgw.local`, password: PASSWORD })).body.token as string;
    as.admin = api(url, await login('admin'));
    for (const [who, roles] of [['manager', ['call_center_manager']], ['agent', ['call_agent']]] as const)
      expect((await as.admin('POST', '/api/users', { email: `${who}@ccgw.local`, password: PASSWORD, name: who === 'agent' ? '陈晓燕' : '孙立伟', roles })).status).toBe(201);
    managerToken = await login('manager');
    as.manager = api(url, managerToken);
    as.agent = api(url, await login('agent'));
    customer = await create('admin', 'customer', { name: '苏州恒信精密机械有限公司', grade: 'normal' });
    contact = await create('admin', 'contact', { customer: customer.id, name: '刘建国', mobile: '138 1234 5678' });
    const general = await create('manager', 'call_queue', { name: 'general', label: '综合咨询', strategy: 'longest_idle', service_level_seconds: 20 });
    await create('manager', 'call_queue', { name: 'service', label: '售后服务', strategy: 'even', skill: 'service', overflow_after: 0, overflow_queue: general.id });
    await create('manager', 'callcenter_settings', { name: 'default', adapter: 'simulator', ivr_menu: 'main_menu', ivr_locale: 'en', outbound_caller_id: '+864008001234' });
    expect((await as.agent('POST', `${X}/agents/me/sign-in`, { extension: '8001' })).status).toBe(200);

    const client = httpGatewayClient(url, managerToken);
    const config = await client.config();
    sim = selectAdapter(config, { simulator: { ringMs: 2 } }) as TelephonySimulator;
    sim.addExtension('8001');
    const play = sim.playPrompt.bind(sim);
    vi.spyOn(sim, 'playPrompt').mockImplementation(async (id, p) => (prompts.push(p.text ?? ''), play(id, p)));
    gateway = new CtiGateway(sim, client, { menu: await client.menu(config.ivrMenu!), locale: config.ivrLocale, tickMs: 0, announceMs: 1, onError: (e) => console.error(e) });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await close?.();
  });

  it('runs the adapter the tenant settings select; the ARI adapter needs its address, user and the gateway\'s password', async () => {
    expect(sim).toBeInstanceOf(TelephonySimulator);
    const ari = { adapter: 'asterisk_ari' as const, ari: { url: 'http://pbx.local:8088', user: 'crm', app: 'crm', tech: 'PJSIP' } };
    expect(() => selectAdapter({ ...ari, ari: { ...ari.ari, url: null } }, { ariPassword: 'x' })).toThrow(AdapterConfigError);
    expect(() => selectAdapter(ari)).toThrow(/password/);
    expect(selectAdapter(ari, { ariPassword: 'secret' })).toBeInstanceOf(AriAdapter);
    expect((await as.agent('GET', `${X}/cti/config`)).status).toBe(403);
  });

  it('takes an incoming call through the IVR to the free agent; the call record follows the PBX, and the notes become an activity on the customer', async () => {
    await state('available');
    const ctiCallId = sim.placeCall({ ani: '+8613812345678', dnis: '+864008001234', digits: ['0'] });
    const offered = await callOf(ctiCallId);
    const call = await callWhere(offered.id, (c) => c.status === 'connected', 'connected');
    expect(call).toMatchObject({ direction: 'inbound', contact: contact.id, customer: customer.id, ani: '+8613812345678' });
    expect(prompts).toContain('Connecting you to an agent.');
    sim.callerHangsUp(ctiCallId);
    const ended = await callWhere(call.id, (c) => c.status === 'ended' && Boolean(c.recording_url), 'ended and recorded');
    expect(ended).toMatchObject({ outcome: 'answered', recording_url: `sim://recordings/${ctiCallId}.wav` });
    expect((await as.agent('GET', `${X}/agents/me`)).body.agent).toMatchObject({ state: 'wrap_up', current_call: null });

    const saved = await as.agent('POST', `${X}/calls/${call.id}/hangup`, { disposition: 'info_given', notes: '咨询设备保修期限，已告知两年' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.activity).toBeTruthy();
    const activity = (await as.admin('GET', `/api/records/activity/${saved.body.activity}`)).body;
    expect(activity).toMatchObject({ customer: customer.id, contact: contact.id, type: 'phone', description: '咨询设备保修期限，已告知两年' });
    expect(activity.subject).toContain(String(call.code));
    expect(activity.starts_at).toEqual(expect.any(String)); // the time of the call, not only its day
  });

  it('records callers who end in the menu: served there (keys pressed) or hung up there, counted in the wallboard\'s containment', async () => {
    const served = sim.placeCall({ ani: '+8613812345678', dnis: '+864008001234', digits: ['1', '999999', '9'] });
    const left = sim.placeCall({ ani: '+8613700002222', dnis: '+864008001234', digits: [], patienceMs: 5 });
    expect(await callOf(served, (c) => c.status === 'ended')).toMatchObject({ direction: 'inbound', outcome: 'self_service', ivr_path: '1-9', contact: contact.id, customer: customer.id, agent: null, queue: null });
    expect(await callOf(left, (c) => c.status === 'ended')).toMatchObject({ outcome: 'abandoned_in_ivr', ivr_path: null, agent: null });
    await gateway.idle();
    const board = (await as.manager('GET', `${X}/wallboard`)).body;
    expect(board.ivr).toMatchObject({ selfService: 1, abandoned: 1 });
    // Containment: 1 served in the menu of every inbound call today (the IVR's 2 and the agents' 1).
    expect(board.ivr.containmentRate).toBe(33.3);
    expect(board.today).toMatchObject({ offered: 1, abandoned: 0 });
    expect((await as.manager('POST', `${X}/ivr/calls`, { ani: '', outcome: 'lost', keys: ['x'] })).body.errors.map((e: Row) => e.field).sort()).toEqual(['ani', 'dnis', 'keys', 'outcome']);
  });

  it('dry-runs a menu for scripted keys: what the caller hears and where they end, nothing dialled', async () => {
    const run = await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['1', '999999#', '9'], locale: 'en' });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.result).toEqual({ end: 'hangup', path: ['welcome', 'order_lookup', 'after_lookup', 'goodbye'], keys: ['1', '9'] });
    expect(run.body.prompts).toContain('We could not find that number.');
    expect((await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['2'] })).body.result).toMatchObject({ end: 'queue', queue: 'service' });
    expect((await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['x'] })).body.errors[0]).toMatchObject({ field: 'digits' });
    expect((await as.manager('POST', `${X}/ivr/menus/nowhere/dry-run`, {})).status).toBe(404);
    expect(sim.liveCalls).toBe(0);
  });

  it('keeps the tenant\'s own menus as records: seeded from the shipped ones, checked on save, run by the gateway and the dry run instead of the shipped document', async () => {
    const listed = (await as.manager('GET', `${X}/ivr/menus`)).body.data as Row[];
    expect(listed).toMatchObject([{ name: 'main_menu', shipped: true, active: true, label: { en: 'Main menu (400 line)' } }]);
    const { id, version } = listed[0];
    const own = (await as.manager('GET', `/api/records/ivr_menu/${id}`)).body as Row;
    const broken = { ...own.definition, nodes: { ...own.definition.nodes, welcome: { ...own.definition.nodes.welcome, options: { '1': 'nowhere', '2': 'service_queue' } } } };
    const refused = await as.manager('PATCH', `/api/records/ivr_menu/${id}`, { definition: broken }, { 'If-Match': String(version) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'CALLCENTER_IVR_NO_NODE', detail: 'Node “welcome” leads to “nowhere”, which is not a node of the menu.' });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'definition/nodes/welcome/options/1' })]);
    expect((await as.admin('POST', '/api/users', { email: 'zh@ccgw.local', password: PASSWORD, name: '王经理', roles: ['call_center_manager'], locale: 'zh-CN' })).status).toBe(201);
    const zh = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'ccgw', email: 'zh@ccgw.local', password: PASSWORD })).body.token as string);
    expect((await zh('PATCH', `/api/records/ivr_menu/${id}`, { definition: broken }, { 'If-Match': String(version) })).body.detail).toBe('节点“welcome”指向的“nowhere”不是本菜单的节点。');
    expect((await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['1'], menu: broken })).body).toMatchObject({ code: 'CALLCENTER_IVR_NO_NODE', errors: [{ field: 'menu/nodes/welcome/options/1' }] });

    const edited = { ...own.definition, nodes: { ...own.definition.nodes, welcome: { ...own.definition.nodes.welcome, prompt: { en: 'Hello. Press 2 for service.', 'zh-CN': '您好，售后服务请按 2。' } } } };
    const saved = await as.manager('PATCH', `/api/records/ivr_menu/${id}`, { definition: edited }, { 'If-Match': String(version) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await as.manager('PATCH', `/api/records/ivr_menu/${id}`, { label: 'stale' }, { 'If-Match': String(version) })).status).toBe(409);
    expect((await as.agent('PATCH', `/api/records/ivr_menu/${id}`, { active: false }, { 'If-Match': String(saved.body.version) })).status).toBe(404);
    expect((await as.manager('GET', `${X}/ivr/menus/main_menu`)).body.nodes.welcome.prompt.en).toBe('Hello. Press 2 for service.');
    expect((await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['2'], locale: 'en' })).body.prompts[0]).toBe('Hello. Press 2 for service.');
    const draft = { ...edited, nodes: { ...edited.nodes, welcome: { ...edited.nodes.welcome, options: { '2': 'goodbye' } } } };
    expect((await as.manager('POST', `${X}/ivr/menus/main_menu/dry-run`, { digits: ['2'], locale: 'en', menu: draft })).body.result).toMatchObject({ end: 'hangup', keys: ['2'] });

    // switched off, the record no longer overrides: the shipped menu runs again
    expect((await as.manager('PATCH', `/api/records/ivr_menu/${id}`, { active: false }, { 'If-Match': String(saved.body.version) })).status).toBe(200);
    expect((await as.manager('GET', `${X}/ivr/menus/main_menu`)).body.nodes.welcome.prompt.en).toMatch(/^Welcome\./);
    expect((await as.manager('GET', `${X}/ivr/menus`)).body.data[0]).toMatchObject({ name: 'main_menu', active: false });
  });

  it('lets a manager start simulated traffic that the gateway hears on its heartbeat, only with the simulator', async () => {
    const heard: unknown[] = [];
    const beat = new CtiGateway(new TelephonySimulator(), httpGatewayClient(url, managerToken), { tickMs: 0, onTraffic: (t) => heard.push(t) });
    const started = await as.manager('POST', `${X}/simulate`, { minutes: 5, callsPerMinute: 30 });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(Date.parse(started.body.until)).toBeGreaterThan(Date.now() + 4 * 60_000);
    await beat.tick();
    expect(heard.at(-1)).toMatchObject({ callsPerMinute: 30, until: started.body.until });
    expect((await as.agent('POST', `${X}/simulate`, { minutes: 5, callsPerMinute: 30 })).status).toBe(403);
    expect((await as.manager('POST', `${X}/simulate`, { minutes: 90, callsPerMinute: 0 })).body.errors.map((e: Row) => e.field)).toEqual(['minutes', 'callsPerMinute']);
    expect((await as.manager('POST', `${X}/simulate`, { minutes: 0, callsPerMinute: 30 })).body).toMatchObject({ until: null });
    await beat.tick();
    expect(heard.at(-1)).toBeNull();

    const settings = (await as.manager('GET', `/api/records/callcenter_settings?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, 'default'] }))}`)).body.data[0] as Row;
    const ari = await as.manager('PATCH', `/api/records/callcenter_settings/${settings.id}`, { adapter: 'asterisk_ari', ari_url: 'http://pbx.local:8088', ari_user: 'crm' }, { 'If-Match': String(settings.version) });
    expect(ari.status).toBe(200);
    const refused = await as.manager('POST', `${X}/simulate`, { minutes: 5, callsPerMinute: 30 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CALLCENTER_NOT_SIMULATOR' });
    expect(refused.body.detail).toContain('only with the telephony simulator');
    expect((await as.manager('PATCH', `/api/records/callcenter_settings/${settings.id}`, { adapter: 'simulator' }, { 'If-Match': String(ari.body.version) })).status).toBe(200);
  });

  it('tells a waiting caller their place, overflows them after the queue\'s wait, and rings the agent who comes free', async () => {
    await state('break');
    const ctiCallId = sim.placeCall({ ani: '+8613900001111', dnis: '+864008001234', digits: ['2'] });
    const waiting = await callOf(ctiCallId, (c) => c.status === 'queued');
    await gateway.tick();
    const moved = await callWhere(waiting.id, (c) => c.overflowed_from, 'overflowed');
    expect((await as.manager('GET', `/api/records/call_queue/${moved.queue}`)).body.name).toBe('general');
    expect(prompts.at(-1)).toBe('You are number 1 in the queue. The expected wait is about 2 minutes.');

    await state('available');
    await gateway.tick();
    await callWhere(waiting.id, (c) => c.status === 'connected', 'connected');
    const hungUp = await as.agent('POST', `${X}/calls/${waiting.id}/hangup`, { disposition: 'info_given' });
    expect(hungUp.body).toMatchObject({ status: 'ended', outcome: 'answered', activity: null });
    await gateway.tick();
    await gateway.idle();
    expect(sim.liveCalls).toBe(0);
  });

  it('dials a number from a phone field: the call rings the agent once the callee answers, linked to the contact; the do-not-call list refuses', async () => {
    const dialled = await as.agent('POST', `${X}/dial`, { phone: '138 1234 5678', entity: 'contact', id: contact.id });
    expect(dialled.status, JSON.stringify(dialled.body)).toBe(200);
    expect(dialled.body.call).toMatchObject({ direction: 'outbound', status: 'ringing', dnis: '+8613812345678', contact: contact.id, customer: customer.id });
    await gateway.tick();
    await callWhere(dialled.body.call.id, (c) => c.status === 'connected' && Boolean(c.cti_call_id), 'connected');
    expect((await as.agent('GET', `${X}/agents/me`)).body.agent.state).toBe('on_call');
    await as.agent('POST', `${X}/calls/${dialled.body.call.id}/hangup`, { disposition: 'order_taken', notes: '续订两台设备' });
    await gateway.tick();
    await gateway.idle();
    expect(sim.liveCalls).toBe(0);

    await create('manager', 'do_not_call', { phone: '139 2222 3333', reason: '客户要求不再来电' });
    const refused = await as.agent('POST', `${X}/dial`, { phone: '13922223333' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CALLCENTER_DO_NOT_CALL');
    expect((await as.agent('POST', `${X}/dial`, { phone: 'abc' })).body.errors[0]).toMatchObject({ field: 'phone' });
  });
});
