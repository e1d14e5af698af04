import Router from '@koa/router';
import type { Context } from 'koa';
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { poolStats } from '../../db/pool-stats.js';
import { config } from '../../config/index.js';
import { dbPoolConnections, registry, workflowQueueJobs, workflowQueueOldestSeconds, workflowRunsInTrouble } from '../../metrics/index.js';
import { databaseTenantEnv } from '../../work/index.js';
import { queueDepths, runHealth } from '../../workflow/index.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Who may scrape: with a token configured, whoever sends `Authorization: Bearer <token>`;
 * without one, only a caller on this machine that no proxy forwarded (a local reverse
 * proxy would otherwise make every visitor look local).
 */
const mayScrape = (ctx: Context, token: string | undefined): boolean => {
  if (token) {
    const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
    return given !== undefined && sameSecret(given, token);
  }
  const forwarded = ctx.get('X-Forwarded-For') || ctx.get('Forwarded') || ctx.get('X-Real-IP');
  return !forwarded && LOOPBACK.has(ctx.req.socket.remoteAddress ?? '');
};

/** Sets the gauges read at scrape time: the connection pool, the workflow queues and the runs in trouble. */
const observe = async (db: Db): Promise<void> => {
  const pool = poolStats(db);
  for (const state of ['total', 'idle', 'waiting'] as const) dbPoolConnections.set({ state }, pool[state]);
  const health = await runHealth(db.knex, databaseTenantEnv(db.knex), config().CRM_WORKFLOW_LEASE_SECONDS).catch(() => undefined);
  if (health) for (const state of ['stuck', 'retrying', 'dead'] as const) workflowRunsInTrouble.set({ state }, health[state]);
  const depths = await queueDepths(db.knex).catch(() => undefined);
  if (!depths) return;
  workflowQueueJobs.reset();
  workflowQueueOldestSeconds.reset();
  for (const d of depths) {
    workflowQueueJobs.set({ queue: d.queue }, d.waiting);
    workflowQueueOldestSeconds.set({ queue: d.queue }, d.oldestSeconds);
  }
};

/**
 * GET /api/metrics: the process's metrics in Prometheus text. A caller who may not scrape
 * gets the same 404 as a path that does not exist.
 */
export const metricsRoutes = (db: Db, token: string | undefined): Router => {
  const r = new Router();
  r.get('/api/metrics', async (ctx) => {
    if (!mayScrape(ctx, token)) {
      ctx.status = 404;
      return;
    }
    await observe(db);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return r;
};
