/**
 * `npm run bench`: the API server against a raw pg server over the same data, scenario
 * by scenario, at each concurrency. See bench/README.md.
 */
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { benchConfig } from './config.js';
import { runLoad, type LoadResult } from './load.js';
import { checkParity } from './parity.js';
import { printListPlans } from './print-plans.js';
import type { RawTenant } from './raw-server.js';
import { formatTable, type Measurement } from './report.js';
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

const measure = async (server: ChildServer, scenario: Scenario, connections: number): Promise<LoadResult> => {
  await runLoad(server.url, scenario.requests(), connections, config.warmupSeconds);
  const result = await runLoad(server.url, scenario.requests(), connections, config.seconds);
  say(`${scenario.name} @${connections} ${server.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  return result;
};

const main = async (): Promise<void> => {
  say(`settings: ${config.seconds} s per run (+${config.warmupSeconds} s warm-up), connections ${config.connections.join(', ')}, ` +
    `${config.rows} rows over ${config.tenants} tenants, pool ${config.poolMax} per server, API log level ${config.logLevel}`);
  database = await createBenchDatabase(config.databaseUrl);
  say(`created database ${database.name}; setting up tenants and loading rows`);
  const data = await setupData(database.url, config);
  say('data loaded and analyzed');
  await printListPlans(database.url, data.planTenant, config.planRows);

  const env = { BENCH_DB_URL: database.url, BENCH_POOL: String(config.poolMax) };
  const rawTenants: Record<string, RawTenant> = Object.fromEntries(data.tenants.map((t) => [t.token, { schema: t.schema, userId: t.userId }]));
  const profile = config.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`] : [];
  servers.push(await spawnServer('API', './api-server.ts', { ...env, BENCH_LOG_LEVEL: config.logLevel }, profile));
  servers.push(await spawnServer('raw', './raw-server.ts', { ...env, BENCH_RAW_TENANTS: JSON.stringify(rawTenants) }));
  const [api, raw] = servers;
  const differences = await checkParity(api.url, raw.url, data.tenants);
  say(differences.length ? `the servers answer differently:\n  ${differences.join('\n  ')}` : 'both servers give the same answers (parity check passed)');

  const rows: Measurement[] = [];
  const chosen = scenarios(data.tenants).filter((s) => !config.scenarios.length || config.scenarios.some((w) => s.name.startsWith(w)));
  for (const scenario of chosen) {
    for (const connections of config.connections) {
      const apiResult = await measure(api, scenario, connections);
      const rawResult = await measure(raw, scenario, connections);
      rows.push({ scenario: scenario.name, connections, api: apiResult, raw: rawResult, target: scenario.target });
    }
  }
  console.log(`\nResults (${config.seconds} s per run; req/s counts 2xx answers only; API/raw is the req/s ratio):\n`);
  console.log(formatTable(rows));
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
