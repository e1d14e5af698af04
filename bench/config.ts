/** Bench settings, each from an environment variable with a default. */
export interface BenchConfig {
  /** Server to create the throw-away database on (its own database is only used to create and drop ours). */
  databaseUrl: string;
  /** Seconds of measured load per scenario, per server and concurrency. */
  seconds: number;
  /** Seconds of unmeasured load before each measured run. */
  warmupSeconds: number;
  connections: number[];
  tenants: number;
  /** Rows in all bench tenants together. */
  rows: number;
  /** Rows in the extra tenant whose list query is EXPLAINed. */
  planRows: number;
  /** Users with the own-scoped role who share the plan tenant's rows evenly (the measured one among them). */
  owners: number;
  /** Rows of the plan tenant's share table (deals shared with users and teams). */
  shares: number;
  /** An experiment: index the share table by user and by team (not in the engine's schema). */
  /** Connections each server's pool may hold. */
  poolMax: number;
  /** Log level of the API server (pino); `info` logs every request. */
  logLevel: string;
  /** Scenarios to run (names start with one of these words); empty: all. */
  scenarios: string[];
  /** Where the API server writes a V8 CPU profile (--cpu-prof), if set. */
  profileDir?: string;
}

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};

const list = (name: string, fallback: number[]): number[] => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} must be a comma-separated list of whole numbers, got "${raw}"`);
  return values;
};

export const benchConfig = (): BenchConfig => ({
  databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  seconds: num('BENCH_SECONDS', 5),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 1),
  connections: list('BENCH_CONNECTIONS', [10, 50]),
  tenants: Math.round(num('BENCH_TENANTS', 10)),
  rows: Math.round(num('BENCH_ROWS', 100_000)),
  planRows: Math.round(num('BENCH_PLAN_ROWS', 100_000)),
  owners: Math.round(num('BENCH_OWNERS', 100)),
  shares: Math.round(num('BENCH_SHARES', 100_000)),
  poolMax: Math.round(num('BENCH_POOL', 10)),
  logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
  scenarios: (process.env.BENCH_SCENARIOS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  profileDir: process.env.BENCH_PROFILE_DIR || undefined,
});
