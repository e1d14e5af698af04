import type { Db } from './connect.js';

export interface PoolStats {
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** The connection pool's use now: the pg pool's counts, or PGlite's one connection. */
export const poolStats = (db: Db): PoolStats => {
  const pool = (db.knex.client as { pool?: TarnPool }).pool;
  const used = pool?.numUsed() ?? 0;
  const waiting = pool?.numPendingAcquires() ?? 0;
  if (db.backend === 'pglite') return { total: 1, idle: used === 0 ? 1 : 0, waiting };
  const idle = pool?.numFree() ?? 0;
  return { total: used + idle, idle, waiting };
};
