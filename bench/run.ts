/**
 * `npm run bench`: the API server against a raw pg server over the same data, scenario
 * by scenario, at each concurrency. `npm run bench -- events`: live events fanned out to
 * many streams (bench/events.ts). See bench/README.md.
 */
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { formatEvents, runEventsBench } from './events.js';
import { benchConfig } from './config.js';
import { runLoad, summarize, type LoadResult } from './load.js';
import { listPath } from './entity.js';
import { checkParity } from './parity.js';
import { printListPlans } from './print-plans.js';
import type { RawTenant } from './raw-server.js';
import { formatPermissionTable, formatTable, type Measurement } from './report.js';
import { scenarios, type Scenario } from './scenarios.js';
import { setupData } from './setup-data.js';
import { spawnServer, type ChildServer } from './spawn-server.js';

const config = benchConfig();
const started = Date.now();
const say = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);

let database: BenchDatabase | undefined;
const servers: ChildServer[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (database) {
      await database.drop();
      say(`dropped database ${database.name}`);
    }
  })());
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

const report = (scenario: Scenario, connections: number, who: string, r: LoadResult): LoadResult => {
  say(`${scenario.name} @${connections} ${who}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, mean ${r.mean.toFixed(2)} ms`);
  return r;
};

const measure = async (server: ChildServer, scenario: Scenario, connections: number): Promise<LoadResult> => {
  await runLoad(server.url, scenario.requests(), connections, config.warmupSeconds);
  return report(scenario, connections, server.name, summarize([await runLoad(server.url, scenario.requests(), connections, config.seconds)]));
};

/**
 * A permission scenario on the API: the admin's requests and the restricted user's, each
 * warmed up, then measured in alternating slices of about a second (as many seconds in
 * all as any other run), so whatever else loads the machine weighs on both alike.
 */
const measureAgainstAdmin = async (api: ChildServer, scenario: Scenario & Required<Pick<Scenario, 'asAdmin'>>, connections: number): Promise<{ admin: LoadResult; own: LoadResult }> => {
  const sides = [scenario.asAdmin.requests, scenario.requests];
  for (const requests of sides) await runLoad(api.url, requests(), connections, config.warmupSeconds);
  const slices = Math.max(1, Math.round(config.seconds));
  const samples: Awaited<ReturnType<typeof runLoad>>[][] = [[], []];
  for (let i = 0; i < slices; i++) {
    for (const [k, requests] of sides.entries()) samples[k].push(await runLoad(api.url, requests(), connections, config.seconds / slices));
  }
  return { admin: report(scenario, connections, `${api.name} as admin`, summarize(samples[0])), own: report(scenario, connections, api.name, summarize(samples[1])) };
};

/** `npm run bench -- events`: the live-events bench instead of the HTTP scenarios. */
const events = async (): Promise<void> => {
  database = await createBenchDatabase(config.databaseUrl);
  say(`created database ${database.name}`);
  const rows = await runEventsBench(config, database.url, say);
  console.log(`\nLive events (GET /api/events), one API server, pool ${config.poolMax}:\n`);
  console.log(formatEvents(rows));
  console.log('');
};

const main = async (): Promise<void> => {
  if (process.argv[2] === 'events') return events();
  if (process.argv[2] === 'copy') {
    await import('./copy-records.js');
    return;
  }
  say(`settings: ${config.seconds} s per run (+${config.warmupSeconds} s warm-up), connections ${config.connections.join(', ')}, ` +
    `${config.rows} rows over ${config.tenants} tenants (+${config.planRows} in the plan tenant, owned by ${config.owners} + 1 users, ${config.shares} shares), ` +
    `pool ${config.poolMax} per server, API log level ${config.logLevel}`);
  database = await createBenchDatabase(config.databaseUrl);
  say(`created database ${database.name}; setting up tenants and loading rows`);
  const data = await setupData(database.url, config);
  say('data loaded and analyzed');
  await printListPlans(database.url, data.planTenant, data.rep, config.planRows, data.sharedRep);

  const env = { BENCH_DB_URL: database.url, BENCH_POOL: String(config.poolMax) };
  const rawTenants: Record<string, RawTenant> = Object.fromEntries(data.tenants.map((t) => [t.token, { schema: t.schema, userId: t.userId }]));
  rawTenants[data.rep.token] = { schema: data.planTenant.schema, userId: data.rep.userId, ownOnly: true };
  const profile = config.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`] : [];
  servers.push(await spawnServer('API', './api-server.ts', { ...env, BENCH_LOG_LEVEL: config.logLevel }, profile));
  servers.push(await spawnServer('raw', './raw-server.ts', { ...env, BENCH_RAW_TENANTS: JSON.stringify(rawTenants) }));
  const [api, raw] = servers;
  const differences = await checkParity(api.url, raw.url, data.tenants, data.rep);
  say(differences.length ? `the servers answer differently:\n  ${differences.join('\n  ')}` : 'both servers give the same answers (parity check passed)');

  const sharedAnswer = (await (await fetch(`${api.url}${listPath()}`, { headers: { authorization: `Bearer ${data.sharedRep.token}` } })).json()) as { data: { owner_id: string }[] };
  const sharedRows = sharedAnswer.data.filter((r) => r.owner_id !== data.sharedRep.userId).length;
  say(`the user with shares lists ${sharedAnswer.data.length} rows, ${sharedRows} of them owned by others (shared with it, its team or by the rule)`);

  const rows: Measurement[] = [];
  const chosen = scenarios(data.tenants, { tenant: data.planTenant, rep: data.rep, sharedRep: data.sharedRep }).filter((s) => !config.scenarios.length || config.scenarios.some((w) => s.name.startsWith(w)));
  for (const scenario of chosen) {
    for (const connections of config.connections) {
      const { asAdmin } = scenario;
      const pair = asAdmin ? await measureAgainstAdmin(api, { ...scenario, asAdmin }, connections) : undefined;
      const apiResult = pair?.own ?? (await measure(api, scenario, connections));
      const rawResult = scenario.apiOnly ? undefined : await measure(raw, scenario, connections);
      rows.push({ scenario: scenario.name, connections, api: apiResult, raw: rawResult, target: scenario.target, admin: pair?.admin, maxTimeRatio: asAdmin?.maxTimeRatio });
    }
  }
  console.log(`\nResults (${config.seconds} s per run; req/s counts 2xx answers only; API/raw is the req/s ratio):\n`);
  console.log(formatTable(rows));
  if (rows.some((m) => m.admin)) {
    console.log(`\nOwn-scoped user against the tenant admin, same list on the API, tenant ${data.planTenant.slug} (${config.planRows} rows, ` +
      `${data.rep.owners} owners, ${data.sharedRep.shares} rows in the share table); "own" is the own-scoped user (the API columns of its line above; ` +
      `in shared-list the user with shares), own/admin time the ratio of mean latencies:\n`);
    console.log(formatPermissionTable(rows));
  }
  console.log('');
};

try {
  await main();
} catch (e) {
  process.exitCode = 1;
  console.error(e);
} finally {
  await cleanUp();
}
