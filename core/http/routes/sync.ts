import Router from '@koa/router';
import type { Knex } from 'knex';
import { readChanges } from '../../sync/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

/** /api/sync/changes: a device's working set, then the changes since its cursor (core/sync). */
export const syncRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/sync' });

  r.get('/changes', allowQuery('since', 'limit'), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await inTenant(knex, ctx, (rctx) => readChanges(rctx, { since: queryString(ctx, 'since'), limit: queryString(ctx, 'limit') }));
  });

  return r;
};
