import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import { localTime } from './dialer/window.js';

const PASSWORD = 'Waihu-Mingdan-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const X = '/api/x/callcenter';

/** Outbound over real HTTP: preview dialing by priority, the do-not-call list checked at dial time, calling windows, retries, callbacks. */
describe('callcenter: call lists, dialing and callbacks', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  let list: Row;
  const entries: Record<string, Row> = {};
  const ids: Record<string, string> = {};

  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const count = async (entity: string, filter: unknown) =>
    (await as.manager('GET', `/api/records/${entity}?total=true&filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.total as number;

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'ccout', adminEmail: 'admin@ccout.local', adminPassword: PASSWORD, plugins: ['callcenter'] }, { knex: db.knex });
    const login = async (who: string) => api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'ccout', email: `${who}@ccout.local`, password: PASSWORD })).body.token);
    as.admin = await login('admin');
    for (const [who, roles] of [['manager', ['call_center_manager']], ['rep', ['call_agent']]] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${who}@ccout.local`, password: PASSWORD, name: who, roles });
      expect(made.status).toBe(201);
      ids[who] = made.body.id;
      as[who] = await login(who);
    }
    await as.rep('POST', `${X}/agents/me/sign-in`, { extension: '8201' });
    list = await create('manager', 'call_list', { name: '续约回访', source: 'import', status: 'active', mode: 'preview', window_start: '00:00', window_end: '23:59', max_attempts: 2, retry_minutes: 30 });
    entries.blocked = await create('manager', 'call_list_entry', { call_list: list.id, phone: '139 1111 2222', priority: 9, status: 'pending', attempts: 0 });
    entries.first = await create('manager', 'call_list_entry', { call_list: list.id, phone: '+86 138 0000 3333', priority: 5, status: 'pending', attempts: 0 });
    entries.later = await create('manager', 'call_list_entry', { call_list: list.id, phone: '021-5555 6666', priority: 1, status: 'pending', attempts: 0, next_attempt_at: new Date(Date.now() + 3_600_000).toISOString() });
    await create('rep', 'do_not_call', { phone: '13911112222', reason: '客户要求不再来电' });
  });
  afterAll(async () => close?.());

  it('keeps the entries\' numbers in E.164, the names the marketing module writes', () => {
    expect(entries.blocked.phone).toBe('+8613911112222');
    expect(entries.later.phone).toBe('+862155556666');
  });

  it('previews the next due entry by priority and refuses to dial a do-not-call number, changing nothing', async () => {
    const next = await as.rep('POST', `${X}/call-lists/${list.id}/next`);
    expect(next.body.entry).toMatchObject({ id: entries.blocked.id, status: 'dialing' });
    const refused = await as.rep('POST', `${X}/entries/${entries.blocked.id}/dial`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CALLCENTER_DO_NOT_CALL', entry: entries.blocked.id });
    expect(await count('phone_call', { '==': [{ var: 'call_list_entry' }, entries.blocked.id] })).toBe(0);
    expect((await as.rep('GET', `/api/records/call_list_entry/${entries.blocked.id}`)).body.attempts).toBe(0);
  });

  it('dials, retries a no-answer after the list\'s interval, and gives up after its most attempts', async () => {
    expect((await as.rep('POST', `${X}/call-lists/${list.id}/next`)).body.entry.id).toBe(entries.first.id);
    const dial = async () => {
      const res = await as.rep('POST', `${X}/entries/${entries.first.id}/dial`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.call as Row;
    };
    const call = await dial();
    expect(call).toMatchObject({ direction: 'outbound', status: 'ringing', dnis: '+8613800003333', call_list_entry: entries.first.id });
    const first = (await as.rep('POST', `${X}/calls/${call.id}/outcome`, { outcome: 'no_answer' })).body;
    expect(first.entry).toMatchObject({ status: 'pending', attempts: 1 });
    const wait = Date.parse(first.entry.next_attempt_at) - Date.now();
    expect(wait).toBeGreaterThan(29 * 60_000);
    expect(wait).toBeLessThanOrEqual(30 * 60_000);
    expect((await as.rep('POST', `${X}/call-lists/${list.id}/next`)).body.entry).toBeNull();
    const second = await dial();
    expect((await as.rep('POST', `${X}/calls/${second.id}/outcome`, { outcome: 'busy' })).body.entry).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('dials only inside the calling window on the callee\'s clock', async () => {
    const [h] = localTime(Date.now(), 'Asia/Shanghai').split(':').map(Number);
    const pad = (n: number) => `${String(n % 24).padStart(2, '0')}:00`;
    const closed = await create('manager', 'call_list', { name: '夜间不打扰', source: 'import', status: 'active', window_start: pad(h + 2), window_end: pad(h + 3) });
    const entry = await create('manager', 'call_list_entry', { call_list: closed.id, phone: '13700001234', status: 'pending', attempts: 0 });
    const res = await as.rep('POST', `${X}/entries/${entry.id}/dial`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CALLCENTER_OUTSIDE_WINDOW');
  });

  it('takes a callback for a waiting caller instead of keeping them in the queue, and puts a number asked not to call on the list', async () => {
    await create('manager', 'call_queue', { name: 'general', label: '综合', strategy: 'even' });
    const offered = (await as.admin('POST', `${X}/calls`, { ani: '13655556666', dnis: '4008001234' })).body;
    expect(offered.call.status).toBe('queued');
    const at = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const res = await as.admin('POST', `${X}/calls/${offered.call.id}/callback`, { at });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.call).toMatchObject({ status: 'ended', outcome: 'callback' });
    expect(res.body.entry).toMatchObject({ phone: '+8613655556666', status: 'callback', priority: 10 });
    expect(Date.parse(res.body.entry.next_attempt_at)).toBe(Date.parse(at));

    const entry = await create('manager', 'call_list_entry', { call_list: list.id, phone: '13512345678', status: 'pending', attempts: 0 });
    const call = (await as.rep('POST', `${X}/entries/${entry.id}/dial`)).body.call;
    await as.rep('POST', `${X}/calls/${call.id}/outcome`, { outcome: 'answered', disposition: 'do_not_call' });
    expect((await as.rep('POST', `${X}/entries/${entry.id}/dial`)).body.code).toBe('CALLCENTER_DO_NOT_CALL');
  });

  it('keeps numbers assigned to a rep for that rep: others preview only their own and the unassigned', async () => {
    const reps = await create('manager', 'call_list', { name: '电话销售分配', source: 'import', status: 'active', mode: 'preview', window_start: '00:00', window_end: '23:59' });
    const theirs = await create('manager', 'call_list_entry', { call_list: reps.id, phone: '13811112222', priority: 9, status: 'pending', attempts: 0, assigned_to: ids.manager });
    const open = await create('manager', 'call_list_entry', { call_list: reps.id, phone: '13811113333', priority: 1, status: 'pending', attempts: 0 });
    expect((await as.rep('POST', `${X}/call-lists/${reps.id}/next`)).body.entry.id).toBe(open.id);
    expect((await as.rep('POST', `${X}/call-lists/${reps.id}/next`)).body.entry).toBeNull();
    expect((await as.manager('POST', `${X}/call-lists/${reps.id}/next`)).body.entry).toMatchObject({ id: theirs.id, assigned_to: ids.manager });
  });
});
