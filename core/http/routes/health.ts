import Router from '@koa/router';
import type { Knex } from 'knex';
import { pendingEngineMigrations } from '../../db/migrate.js';
import type { Readiness } from '../readiness.js';

/** How long the readiness probe waits for the database before it answers 503. */
const DATABASE_CHECK_MS = 3_000;

/** GET /api/health: 200 once the server is ready (migrations done), 503 before. */
export const healthRoutes = (ready: () => boolean): Router => {
  const r = new Router();
  r.get('/api/health', async (ctx) => {
    const ok = ready();
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'starting' };
  });
  return r;
};

type Check = 'ok' | 'failed' | 'pending' | 'stopped' | 'not run here';

/** The database answers a cheap query within the limit, and has every engine migration. */
const databaseChecks = async (knex: Knex): Promise<{ database: Check; migrations: Check }> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('database check timed out')), DATABASE_CHECK_MS)));
  try {
    const pending = await Promise.race([pendingEngineMigrations(knex), late]);
    return { database: 'ok', migrations: pending.length ? 'pending' : 'ok' };
  } catch {
    return { database: 'failed', migrations: 'failed' };
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Probes for orchestrators. GET /api/health/live: the process answers (200). GET
 * /api/health/ready: 200 when the server has started, is not draining, its database
 * answers with every engine migration run, and its in-process workflow worker (if it runs
 * one) runs; 503 otherwise, naming the check that failed (never an error's text).
 */
export const probeRoutes = (knex: Knex, readiness: Readiness): Router => {
  const r = new Router();
  r.get('/api/health/live', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'live' };
  });
  r.get('/api/health/ready', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (readiness.draining || !readiness.started) {
      ctx.status = 503;
      ctx.body = { status: readiness.draining ? 'draining' : 'starting' };
      return;
    }
    const checks: Record<string, Check> = { ...(await databaseChecks(knex)), workflows: readiness.workflowWorker ? (readiness.workflowWorker() ? 'ok' : 'stopped') : 'not run here' };
    const ok = Object.values(checks).every((c) => c === 'ok' || c === 'not run here') && !readiness.draining;
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ready' : readiness.draining ? 'draining' : 'unavailable', checks };
  });
  return r;
};
