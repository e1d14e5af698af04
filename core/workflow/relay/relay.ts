import type PgBoss from 'pg-boss';
import type { Db } from '../../db/connect.js';
import type { Tenant } from '../../db/tenant.js';
import { JOBS_SCHEMA, RUN_QUEUE } from '../queue/queue-names.js';
import { drainOutbox } from './drain-outbox.js';
import { listenOutbox } from './listen-outbox.js';
import { listTenants, quoteIdent } from './tenant-directory.js';

export interface RelaySettings {
  /** Outbox rows moved per tenant per round; default 32. */
  batch?: number;
  /** Ready jobs in the queue above which the relay waits; default 256. */
  maxBacklog?: number;
  /** Longest sleep between rounds; default 1000 ms. */
  idleMs?: number;
  /** How often every tenant's outbox is looked at (missed notifications); default 15 s. */
  sweepMs?: number;
  /** Queues besides workflow runs whose outbox rows this relay moves (those the worker serves). */
  queues?: string[];
}

export interface Relay {
  /** A tenant's outbox has rows (a notification, or a write this process just made). */
  kick(tenantId: string): void;
  /** A job finished: the backlog shrank. */
  nudge(): void;
  /** Looks at every tenant's outbox once. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/** A tenant's pace (rows moved lately) decays with this time constant. */
const PACE_MS = 10_000;
/** The lowest priority a flood's jobs get. */
const MAX_STEPS_DOWN = 10_000;

/**
 * Moves outbox rows into the run queue fairly: round-robin over the tenants with rows,
 * at most `batch` per tenant per round, and only while the queue's ready backlog is
 * below `maxBacklog` (a tenant not flooding is moved even then). A tenant's flood waits
 * in its own outbox, so another tenant's event is at most one round behind it rather than
 * behind the whole flood, and its jobs go ahead of the flood's already queued (a flooding
 * tenant's priority falls with its pace).
 */
export const startRelay = async (deps: { db: Db; boss: PgBoss; onMoved?: () => void; onError?: (e: unknown) => void }, settings: RelaySettings = {}): Promise<Relay> => {
  const { db, boss } = deps;
  const knex = db.knex;
  const batch = settings.batch ?? 32;
  const maxBacklog = settings.maxBacklog ?? 256;
  const onError = deps.onError ?? (() => undefined);
  const dirty = new Set<string>();
  const tenants = new Map<string, Tenant>();
  let stopped = false;
  let wake: (() => void) | undefined;
  let kicked = false;

  const signal = () => {
    kicked = true;
    wake?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (kicked) return resolve();
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      wake = done;
    });

  const refreshTenants = async (): Promise<Tenant[]> => {
    const all = await listTenants(knex);
    tenants.clear();
    for (const t of all) tenants.set(t.id, t);
    return all;
  };

  const backlog = async (): Promise<number> => {
    const { rows } = await knex.raw(`select count(*)::int as n from ${JOBS_SCHEMA}.job where name = ? and state < 'active' and start_after <= now()`, [RUN_QUEUE]);
    return Number(rows[0].n);
  };

  /**
   * How many rows each tenant moved lately (decaying with a 10 s time constant): a tenant
   * that moved more than a batch lately is flooding. Its jobs go into the queue at a
   * priority that falls with its pace (one step per batch), so a quiet tenant's job
   * (priority 0) is taken before the flood's backlog already in the queue; and while the
   * backlog is full only quiet tenants' rows are moved.
   */
  const paces = new Map<string, { moved: number; at: number }>();
  const paceOf = (id: string, now = Date.now()): number => {
    const p = paces.get(id);
    return p ? p.moved * Math.exp(-(now - p.at) / PACE_MS) : 0;
  };
  const flooding = (id: string) => paceOf(id) >= batch;
  /** One pass over the tenants with rows; with `quietOnly` (the backlog is full), only those not flooding. */
  const round = async (quietOnly = false): Promise<number> => {
    let moved = 0;
    for (const id of [...dirty]) {
      if (quietOnly && flooding(id)) continue;
      dirty.delete(id);
      const tenant = tenants.get(id) ?? (await refreshTenants()).find((t) => t.id === id);
      if (!tenant) continue;
      const pace = paceOf(id);
      const n = await drainOutbox(knex, tenant, batch, settings.queues, -Math.min(MAX_STEPS_DOWN, Math.floor(pace / batch)));
      if (n === batch) dirty.add(id);
      if (n > 0) paces.set(id, { moved: pace + n, at: Date.now() });
      moved += n;
    }
    return moved;
  };

  const sweep = async (): Promise<void> => {
    const all = await refreshTenants();
    for (let i = 0; i < all.length; i += 100) {
      const chunk = all.slice(i, i + 100);
      const sql = chunk.map((t) => `select ?::text as id where exists (select 1 from ${quoteIdent(t.schema)}._wf_outbox)`).join(' union all ');
      const { rows } = await knex.raw(sql, chunk.map((t) => t.id));
      for (const r of rows as { id: string }[]) dirty.add(r.id);
    }
    if (dirty.size) signal();
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      kicked = false;
      try {
        if (dirty.size) {
          // A full backlog holds back the floods, not a quiet tenant's few rows.
          const full = (await backlog()) >= maxBacklog;
          if ((await round(full)) > 0) {
            deps.onMoved?.();
            if (!full) continue;
          }
        }
      } catch (e) {
        onError(e);
      }
      if (!stopped) await sleep(settings.idleMs ?? 1000);
    }
  };

  const unlisten = await listenOutbox(db, (id) => {
    dirty.add(id);
    signal();
  }, onError);
  await sweep().catch(onError);
  const sweeper = setInterval(() => void sweep().catch(onError), settings.sweepMs ?? 15_000);
  const running = loop();

  return {
    kick(tenantId) {
      dirty.add(tenantId);
      signal();
    },
    nudge: signal,
    sweep,
    async stop() {
      stopped = true;
      clearInterval(sweeper);
      signal();
      await running;
      await unlisten();
    },
  };
};
