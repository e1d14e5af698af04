import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, newId, updateRecord, type RecordData } from '../../core/index.js';
import { TEST_ACTOR, handlePluginRoute, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

/**
 * Routing reads its rules, queues and skills from a per-tenant cache and the free agents in
 * one statement: a rule, queue or skill written is used by the very next offer, and an agent
 * in wrap-up is offered calls only once their timer has run out, in longest-idle order.
 */
let t: TestTenant;
const iso = (t: number) => new Date(t).toISOString();
const offer = async (ani: string, queue?: string) =>
  (await handlePluginRoute({ tenant: await t.current(), plugin: 'callcenter', method: 'POST', path: '/calls', body: { ani, dnis: '+864008001234', queue } }, { knex: t.knex, actor: TEST_ACTOR })) as {
    call: RecordData;
    agent: RecordData | null;
    route: { rule?: string; queue?: string };
  };
const queues: Record<string, RecordData> = {};
const agent = (name: string, extension: string, data: RecordData) => t.withRecords((c) => createRecord('call_agent', { name, extension, owner_id: newId(), wrap_up_seconds: 30, ...data }, c));
const busy = (id: unknown) => t.withRecords((c) => updateRecord('call_agent', String(id), { state: 'break', current_call: null }, c));

beforeAll(async () => {
  t = await openTestTenant('cc_routecfg');
  await installPlugin({ tenant: t.tenant, plugin: 'callcenter' }, { knex: t.knex, actor: TEST_ACTOR });
  await t.withRecords(async (c) => {
    queues.general = await createRecord('call_queue', { name: 'general', label: 'General', strategy: 'longest_idle', priority: 0, active: true }, c);
    queues.service = await createRecord('call_queue', { name: 'service', label: 'Service', strategy: 'skill', skill: 'service', priority: 5, active: true }, c);
  });
});
afterAll(async () => {
  await t?.close();
});

describe('routing configuration and free agents', () => {
  it('uses a routing rule, a skill and the rule switched off, each written between two offers, at once', async () => {
    const a = await agent('王芳', '8101', { state: 'available', state_since: iso(Date.now()), idle_since: iso(Date.now() - 5000) });
    const first = await offer('+8613900000001');
    expect(first.route.queue).toBe(String(queues.general.id));
    expect(first.agent?.id).toBe(a.id);
    await busy(a.id);

    // Everyone to the service queue (skill "service"): nobody has the skill yet, so the call waits.
    const rule = await t.withRecords((c) => createRecord('routing_rule', { name: 'All to service', sequence: 1, condition: true, queue: queues.service.id, priority: 3, active: true }, c));
    const b = await agent('赵磊', '8102', { state: 'available', state_since: iso(Date.now()), idle_since: iso(Date.now() - 5000) });
    const second = await offer('+8613900000002');
    expect(second.route).toMatchObject({ rule: 'All to service', queue: String(queues.service.id) });
    expect(second.agent).toBeNull();
    expect(second.call.status).toBe('queued');

    // The agent gets the skill: the next offer finds them.
    await t.withRecords((c) => createRecord('agent_skill', { agent: b.id, skill: 'service', level: 4 }, c));
    const third = await offer('+8613900000003');
    expect(third.agent?.id).toBe(b.id);
    await busy(b.id);

    // The rule switched off: back to the general queue.
    await t.withRecords((c) => updateRecord('routing_rule', String(rule.id), { active: false }, c));
    const c2 = await agent('孙悦', '8103', { state: 'available', state_since: iso(Date.now()), idle_since: iso(Date.now() - 5000) });
    const fourth = await offer('+8613900000004');
    expect(fourth.route.queue).toBe(String(queues.general.id));
    expect(fourth.agent?.id).toBe(c2.id);
    await busy(c2.id);
  });

  it('offers an agent in wrap-up a call only once their timer has run out, longest idle first', async () => {
    const now = Date.now();
    // In wrap-up for 10 s of 30: not free. Their idle_since is the end of the timer.
    const wrapping = await agent('钱进', '8201', { state: 'on_call', state_since: iso(now - 60_000) });
    const wrapped = await t.withRecords((c) => updateRecord('call_agent', String(wrapping.id), { state: 'wrap_up', state_since: iso(now - 10_000) }, c));
    expect(Date.parse(String(wrapped.idle_since))).toBe(now - 10_000 + 30_000);
    const waits = await offer('+8613900000011');
    expect(waits.agent).toBeNull();

    // Available, idle for 10 s; and another whose wrap-up ended 30 s ago: the latter is idle longer.
    const idle = await agent('周敏', '8202', { state: 'available', state_since: iso(now - 10_000), idle_since: iso(now - 10_000) });
    const done = await agent('吴昊', '8203', { state: 'on_call', state_since: iso(now - 120_000) });
    await t.withRecords((c) => updateRecord('call_agent', String(done.id), { state: 'wrap_up', state_since: iso(now - 60_000) }, c));
    const first = await offer('+8613900000012');
    expect(first.agent?.id).toBe(done.id);
    const second = await offer('+8613900000013');
    expect(second.agent?.id).toBe(idle.id);
    const third = await offer('+8613900000014');
    expect(third.agent).toBeNull();
    const rows = await t.inTenant((trx) => trx('call_agent').whereIn('id', [String(wrapping.id), String(done.id), String(idle.id)]).select('id', 'state'));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({ [String(wrapping.id)]: 'wrap_up', [String(done.id)]: 'ringing', [String(idle.id)]: 'ringing' });
  });

  it('reads every agent skill, past the first page of them', async () => {
    const deep = await t.withRecords((c) => createRecord('call_queue', { name: 'deep', label: 'Deep', strategy: 'skill', skill: 'deep', priority: 1, active: true }, c));
    const filler = await agent('郑凯', '8301', { state: 'break', state_since: iso(Date.now()) });
    await t.withRecords(async (c) => {
      for (let i = 0; i < 505; i++) await createRecord('agent_skill', { agent: filler.id, skill: `filler_${i}`, level: 1 }, c);
    });
    const skilled = await agent('冯静', '8302', { state: 'available', state_since: iso(Date.now()), idle_since: iso(Date.now() - 1000) });
    await t.withRecords((c) => createRecord('agent_skill', { agent: skilled.id, skill: 'deep', level: 7 }, c));
    const answer = await offer('+8613900000021', 'deep');
    expect(answer.route.queue).toBe(String(deep.id));
    expect(answer.agent?.id).toBe(skilled.id);
  });
});
