/**
 * Routing benchmark for the call center: AGENTS free agents, calls offered at RATE per
 * second for SECONDS through the plugin's POST /calls route (core/work's plugin-route door,
 * a pool of parallel connections), agents coming free again as calls end. Reports the
 * routing decision time (offer → agent ringing, p50/p99) and how many calls reached two
 * agents (must be 0). `npx tsx bench/callcenter-routing.ts` with AGENTS, RATE, SECONDS and
 * TEST_DATABASE_URL (Postgres) in the environment.
 */
import { createRecord, newId, type RecordData } from '../core/index.js';
import { TEST_ACTOR, handlePluginRoute, installPlugin, openTestTenant } from '../core/plugins/testing.js';

const AGENTS = Number(process.env.AGENTS ?? 200);
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);

const main = async () => {
  const t = await openTestTenant('cc_bench');
  const pool = await t.pool(20);
  await installPlugin({ tenant: t.tenant, plugin: 'callcenter' }, { knex: t.knex, actor: TEST_ACTOR });
  await t.withRecords(async (c) => {
    await createRecord('call_queue', { name: 'general', label: 'General', strategy: 'longest_idle', active: true }, c);
    for (let i = 0; i < AGENTS; i++) await createRecord('call_agent', { name: `坐席${i}`, extension: String(10000 + i), state: 'available', state_since: new Date().toISOString(), idle_since: new Date(Date.now() - i * 1000).toISOString(), wrap_up_seconds: 0, owner_id: newId() }, c);
  });
  const tenant = await t.current();
  const times: number[] = [];
  let routed = 0;
  const offers: Promise<void>[] = [];
  const frees: NodeJS.Timeout[] = [];
  const started = Date.now();
  for (let n = 0; n < RATE * SECONDS; n++) {
    const due = started + (n * 1000) / RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    offers.push(
      (async () => {
        const t0 = performance.now();
        const res = (await handlePluginRoute({ tenant, plugin: 'callcenter', method: 'POST', path: '/calls', body: { ani: `+86139${String(10000000 + n)}`, dnis: '+864008001234' } }, { knex: pool.knex, actor: TEST_ACTOR })) as { agent: RecordData | null };
        times.push(performance.now() - t0);
        if (res.agent) routed += 1;
        // the agent's call ends a few seconds later: free again (state back to available)
        if (res.agent) frees.push(setTimeout(() => void t.inTenant((trx) => trx('call_agent').where({ id: res.agent!.id }).update({ state: 'available', current_call: null, idle_since: new Date() })), 2000));
      })(),
    );
  }
  await Promise.all(offers);
  const doubled = await t.inTenant((trx) => trx('call_agent').whereNotNull('current_call').groupBy('current_call').havingRaw('count(*) > 1').select('current_call'));
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(JSON.stringify({ backend: t.db.backend, agents: AGENTS, ratePerSecond: RATE, seconds: SECONDS, offered: times.length, routed, achievedRate: (times.length / ((Date.now() - started) / 1000)).toFixed(1), p50ms: p(0.5), p99ms: p(0.99), callsOnTwoAgents: doubled.length }));
  for (const f of frees) clearTimeout(f);
  await pool.close();
  await t.close();
};
void main();
