/**
 * `npm run bench -- events`: live events (GET /api/events) fanned out to many streams of
 * one API server over PostgreSQL. Measures how many events per second reach every one of
 * `BENCH_EVENT_CLIENTS` streams (default 1,000: 100 users × 10 streams, the per-user cap),
 * and the delay from a transaction's commit to each stream's receipt (p50, p99):
 * - `paced`: role-addressed events (what a plugin publishes), `BENCH_EVENT_RATE` a second;
 * - `flood`: as many as the server takes, `BENCH_EVENT_COUNT` of them;
 * - `record`: record updates over HTTP to streams watching the entity, each event checked
 *   against the readers' read access (one statement per event for every group of readers
 *   with the same read predicate).
 * Clients and publisher share this process; the server runs in its own (bench/spawn-server.ts).
 */
import { connect, type Db } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { withTenant, type Tenant } from '../core/db/tenant.js';
import { publishEvent } from '../core/events/index.js';
import { openEventStream, type EventStream, type ReceivedEvent } from '../core/http/test-event-stream.js';
import { createUser } from '../core/security/index.js';
import { createTenant } from '../core/tenants/tenant-store.js';
import type { BenchConfig } from './config.js';
import { dealEntity, ENTITY } from './entity.js';
import { spawnServer, type ChildServer } from './spawn-server.js';

const PASSWORD = 'Bench-Password-42';
const STREAMS_PER_USER = 10;

const num = (name: string, fallback: number): number => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
};

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const until = async (done: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return done();
};

const call = async (url: string, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
};

export interface EventsResult {
  phase: string;
  events: number;
  clients: number;
  seconds: number;
  /** Events a second that reached every stream. */
  eventsPerSecond: number;
  /** Deliveries (event × stream) a second. */
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  missing: number;
}

/** Receipts keyed by the event's `n`, measured against when its transaction committed. */
const measure = (streams: EventStream[], key: (e: ReceivedEvent) => string | undefined, committed: Map<string, number>, startedAt: number, phase: string): EventsResult => {
  const delays: number[] = [];
  let last = startedAt;
  let got = 0;
  for (const s of streams)
    for (const e of s.events) {
      const k = key(e);
      const at = k === undefined ? undefined : committed.get(k);
      if (at === undefined) continue;
      got++;
      delays.push(Math.max(0, e.receivedAt - at));
      last = Math.max(last, e.receivedAt);
    }
  delays.sort((a, b) => a - b);
  const seconds = (last - startedAt) / 1000;
  return {
    phase,
    events: committed.size,
    clients: streams.length,
    seconds,
    eventsPerSecond: committed.size / seconds,
    deliveriesPerSecond: got / seconds,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    missing: committed.size * streams.length - got,
  };
};

export const runEventsBench = async (config: BenchConfig, databaseUrl: string, say: (text: string) => void): Promise<EventsResult[]> => {
  const clients = Math.round(num('BENCH_EVENT_CLIENTS', 1000));
  const rate = num('BENCH_EVENT_RATE', 20);
  const count = Math.round(num('BENCH_EVENT_COUNT', 1000));
  const users = Math.ceil(clients / STREAMS_PER_USER);
  let db: Db | undefined;
  let server: ChildServer | undefined;
  const streams: EventStream[] = [];
  /** Frames of each kind each stream got in the current phase (the deadline checks read these, not the event lists). */
  const ticks: number[] = [];
  const changes: number[] = [];
  let ready = 0;
  try {
    db = connect({ databaseUrl, poolMax: 4 });
    await migrateEngine(db.knex);
    const tenant: Tenant = await createTenant(db.knex, { slug: 'bench_events' });
    say(`creating ${users} users for ${clients} streams`);
    for (let i = 0; i < users; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, users - i) }, (_, k) =>
        createUser({ tenantId: tenant.id, email: `u${i + k}@events.bench`, password: PASSWORD, name: `User ${i + k}`, isAdmin: true, roles: ['watcher'] }, { knex: db!.knex })));
    }
    server = await spawnServer('API', './api-server.ts', { BENCH_DB_URL: databaseUrl, BENCH_POOL: String(config.poolMax), BENCH_LOG_LEVEL: config.logLevel });
    const tokens: string[] = [];
    for (let i = 0; i < users; i += 8) {
      tokens.push(...(await Promise.all(Array.from({ length: Math.min(8, users - i) }, async (_, k) =>
        (await call(server!.url, undefined, 'POST', '/api/auth/login', { tenant: 'bench_events', email: `u${i + k}@events.bench`, password: PASSWORD })).token as string))));
    }
    await call(server.url, tokens[0], 'PUT', `/api/studio/entity/${ENTITY}`, dealEntity);
    await call(server.url, tokens[0], 'POST', '/api/studio/publish', {});
    say(`opening ${clients} streams`);
    for (let i = 0; i < clients; i += 50) {
      streams.push(...(await Promise.all(Array.from({ length: Math.min(50, clients - i) }, (_, k) => {
        const at = i + k;
        ticks[at] = changes[at] = 0;
        return openEventStream(server!.url, tokens[at % users], {
          watch: ENTITY,
          onEvent: (e) => {
            if (e.event === 'bench.tick') ticks[at]++;
            else if (e.event === 'record.changed') changes[at]++;
            else if (e.event === 'ready') ready++;
          },
        });
      }))));
    }
    const refused = streams.filter((s) => s.status !== 200).length;
    if (refused) throw new Error(`${refused} streams were refused`);
    await until(() => ready >= clients, 60_000);
    const results: EventsResult[] = [];
    const byN = (e: ReceivedEvent) => (e.event === 'bench.tick' ? String(e.data.n) : undefined);

    const publish = async (n: number, committed: Map<string, number>) => {
      await withTenant(db!.knex, tenant, (trx) => publishEvent({ topic: 'bench.tick', audience: { role: 'watcher' }, data: { n } }, { db: trx }));
      committed.set(String(n), performance.now());
    };

    // Paced: a steady rate, for the delay.
    const paced = new Map<string, number>();
    const pacedTotal = Math.round(rate * config.seconds);
    say(`paced: ${pacedTotal} events at ${rate}/s to ${clients} streams`);
    let started = performance.now();
    for (let n = 0; n < pacedTotal; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      void publish(n, paced).catch((e: unknown) => say(`publish failed: ${(e as Error).message}`));
    }
    await until(() => paced.size === pacedTotal && ticks.every((n) => n >= pacedTotal), 60_000);
    results.push(measure(streams, byN, paced, started, `paced ${rate}/s`));

    // Flood: as fast as 8 publishers commit.
    const flood = new Map<string, number>();
    for (const s of streams) s.events.length = 0;
    ticks.fill(0);
    say(`flood: ${count} events to ${clients} streams`);
    started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < count) await publish(pacedTotal + next++, flood);
    }));
    await until(() => ticks.every((n) => n >= count), 120_000);
    results.push(measure(streams, byN, flood, started, 'flood'));

    // Record changes: each reader's access is checked.
    for (const s of streams) s.events.length = 0;
    const record = (await call(server.url, tokens[0], 'POST', `/api/records/${ENTITY}`, { title: 'watched', amount: 1 })) as { id: string; version: number };
    await until(() => changes.every((n) => n >= 1), 30_000);
    for (const s of streams) s.events.length = 0;
    changes.fill(0);
    const updates = Math.round(Math.min(rate, 20) * config.seconds);
    const changed = new Map<string, number>();
    say(`record: ${updates} updates at ${Math.min(rate, 20)}/s, each checked for ${users} readers`);
    started = performance.now();
    let version = record.version;
    for (let n = 0; n < updates; n++) {
      const due = started + (n * 1000) / Math.min(rate, 20);
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      version = (await call(server.url, tokens[0], 'PATCH', `/api/records/${ENTITY}/${record.id}`, { amount: n + 2 }, { 'if-match': String(version) })).version as number;
      changed.set(String(n), performance.now());
    }
    await until(() => changes.every((n) => n >= updates), 60_000);
    // Record events carry no counter: the k-th record.changed of a stream is update k (one writer, seq order).
    const kth = new WeakMap<ReceivedEvent, string>();
    for (const s of streams) s.events.filter((e) => e.event === 'record.changed').forEach((e, k) => kth.set(e, String(k)));
    results.push(measure(streams, (e) => kth.get(e), changed, started, 'record (read-checked)'));
    return results;
  } finally {
    for (const s of streams) s.close();
    await server?.stop();
    await db?.close();
  }
};

export const formatEvents = (rows: EventsResult[]): string =>
  [
    '| phase | events | streams | events/s (to every stream) | deliveries/s | commit→receipt p50 | p99 | missing |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.phase} | ${r.events} | ${r.clients} | ${r.eventsPerSecond.toFixed(0)} | ${r.deliveriesPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.missing} |`),
  ].join('\n');
