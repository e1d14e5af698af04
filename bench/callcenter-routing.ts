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
  const schema = tenant.schema;
  const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const frees: NodeJS.Timeout[] = [];

  /** Offers RATE calls per second for SECONDS through `offer` (true: an agent rings); the decision times. */
  const drive = async (offer: (n: number) => Promise<string | null>, free: (agent: string) => Promise<unknown>) => {
    const times: number[] = [];
    let routed = 0;
    const offers: Promise<void>[] = [];
    const started = Date.now();
    for (let n = 0; n < RATE * SECONDS; n++) {
      const due = started + (n * 1000) / RATE;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      offers.push(
        (async () => {
          const t0 = performance.now();
          const agent = await offer(n);
          times.push(performance.now() - t0);
          if (!agent) return;
          routed += 1;
          // the agent's call ends a few seconds later: free again (state back to available)
          frees.push(setTimeout(() => void free(agent), 2000));
        })(),
      );
    }
    await Promise.all(offers);
    return { offered: times.length, routed, achievedRate: Number((times.length / ((Date.now() - started) / 1000)).toFixed(1)), p50ms: Number(percentile(times, 0.5).toFixed(1)), p99ms: Number(percentile(times, 0.99).toFixed(1)) };
  };
  const freeAgent = async (id: string) => {
    await pool.knex(`${schema}.call_agent`).where({ id }).update({ state: 'available', current_call: null, idle_since: new Date() });
  };

  // Raw Postgres doing the same decision in one transaction (the floor on this machine now):
  // lock the longest-idle free agent (skipping locked rows), ring them, write the call.
  await pool.knex.raw(`create table if not exists ${schema}._bench_call (id uuid primary key, agent uuid, offered_at timestamptz default now())`);
  const raw = await drive(
    (n) =>
      pool.knex.transaction(async (trx) => {
        const callId = newId();
        const { rows } = await trx.raw(`select id from ${schema}.call_agent where state = 'available' and deleted_at is null order by idle_since limit 1 for update skip locked`);
        const agent = rows[0]?.id as string | undefined;
        if (agent) await trx(`${schema}.call_agent`).where({ id: agent }).update({ state: 'ringing', state_since: new Date() });
        await trx(`${schema}._bench_call`).insert({ id: callId, agent: agent ?? null });
        void n;
        return agent ?? null;
      }),
    freeAgent,
  );
  for (const f of frees.splice(0)) clearTimeout(f);
  await pool.knex(`${schema}.call_agent`).update({ state: 'available', current_call: null }).then(() => undefined);

  const route = await drive(async (n) => {
    const res = (await handlePluginRoute({ tenant, plugin: 'callcenter', method: 'POST', path: '/calls', body: { ani: `+86139${String(10000000 + n)}`, dnis: '+864008001234' } }, { knex: pool.knex, actor: TEST_ACTOR })) as { agent: RecordData | null };
    return res.agent ? String(res.agent.id) : null;
  }, freeAgent);
  const doubled = await t.inTenant((trx) => trx('call_agent').whereNotNull('current_call').groupBy('current_call').havingRaw('count(*) > 1').select('current_call'));
  console.log(
    JSON.stringify({
      backend: t.db.backend,
      agents: AGENTS,
      ratePerSecond: RATE,
      seconds: SECONDS,
      rawPg: raw,
      route,
      p50Ratio: Number((route.p50ms / raw.p50ms).toFixed(1)),
      p99Ratio: Number((route.p99ms / raw.p99ms).toFixed(1)),
      callsOnTwoAgents: doubled.length,
    }),
  );
  for (const f of frees) clearTimeout(f);
  await pool.close();
  await t.close();
};
void main();
