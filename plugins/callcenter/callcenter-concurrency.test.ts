import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, newId, type Actor, type RecordData } from '../../core/index.js';
import { TEST_ACTOR, handlePluginRoute, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

/** Many offers at once (truly parallel on Postgres): no call goes to two agents, no agent gets two calls, no waiting call is lost. */
let t: TestTenant;
let pool: Awaited<ReturnType<TestTenant['pool']>>;
const route = (actor: Actor, method: 'GET' | 'POST', path: string, body?: unknown) =>
  t.current().then((tenant) => handlePluginRoute({ tenant, plugin: 'callcenter', method, path, body }, { knex: pool.knex, actor }));
const rows = (entity: string) => t.inTenant((trx) => trx(entity).whereNull('deleted_at').select('*'));
const agentActor = (id: string): Actor => ({ id, name: `agent ${id.slice(-4)}`, roles: ['call_agent'], isAdmin: false });

beforeAll(async () => {
  t = await openTestTenant('cc_race');
  pool = await t.pool(12);
  await installPlugin({ tenant: t.tenant, plugin: 'callcenter' }, { knex: t.knex, actor: TEST_ACTOR });
  await t.withRecords((c) => createRecord('call_queue', { name: 'general', label: 'General', strategy: 'even', active: true }, c));
});
afterAll(async () => {
  await pool?.close();
  await t?.close();
});

const makeAgents = (n: number, state: string) =>
  t.withRecords(async (c) => {
    const out: RecordData[] = [];
    for (let i = 0; i < n; i++) out.push(await createRecord('call_agent', { name: `坐席${i}`, extension: `${state === 'available' ? 7 : 6}${String(i).padStart(3, '0')}`, state, state_since: new Date().toISOString(), owner_id: newId() }, c));
    return out;
  });

describe('offering calls under concurrency', () => {
  it('offers twelve simultaneous calls to five free agents: five ring, each at a different agent, seven wait', async () => {
    await makeAgents(5, 'available');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => route(TEST_ACTOR, 'POST', '/calls', { ani: `+86139${String(10000000 + i)}`, dnis: '+864008001234' })));
    const offered = results.map((r) => (r as { agent: RecordData | null }).agent).filter(Boolean) as RecordData[];
    expect(offered).toHaveLength(5);
    expect(new Set(offered.map((a) => a.id)).size).toBe(5);
    const calls = await rows('phone_call');
    expect(calls).toHaveLength(12);
    expect(calls.filter((c) => c.status === 'ringing')).toHaveLength(5);
    expect(calls.filter((c) => c.status === 'queued')).toHaveLength(7);
    const agents = (await rows('call_agent')).filter((a) => a.state === 'ringing');
    expect(agents).toHaveLength(5);
    expect(new Set(agents.map((a) => a.current_call)).size).toBe(5);
    for (const a of agents) expect(calls.find((c) => c.id === a.current_call)?.agent).toBe(a.id);
  });

  it('lets six agents come free at once for the seven waiting calls: each takes a different call, in queue order', async () => {
    const agents = await makeAgents(6, 'break');
    const results = (await Promise.all(agents.map((a) => route(agentActor(String(a.owner_id)), 'POST', '/agents/me/state', { state: 'available' })))) as { call: RecordData | null }[];
    const taken = results.map((r) => r.call?.id).filter(Boolean);
    expect(taken).toHaveLength(6);
    expect(new Set(taken).size).toBe(6);
    const calls = await rows('phone_call');
    expect(calls.filter((c) => c.status === 'queued')).toHaveLength(1);
    const last = calls.find((c) => c.status === 'queued')!;
    expect(calls.filter((c) => c.status !== 'queued').every((c) => new Date(c.offered_at) <= new Date(last.offered_at))).toBe(true);
    const ringing = (await rows('call_agent')).filter((a) => a.state === 'ringing');
    expect(ringing).toHaveLength(11);
    expect(new Set(ringing.map((a) => a.current_call)).size).toBe(11);
  });
});
