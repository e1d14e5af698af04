import Router from '@koa/router';
import type { Knex } from 'knex';
import { purgeRecord } from '../../records/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

/**
 * The recycle bin beyond listing (`GET /api/records/:entity?deleted=only`) and restoring
 * (`POST …/restore`): a tenant admin purges a record once it has been there longer than the
 * tenant's retention window.
 */
export const recycleBinRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.post('/:entity/:id/purge', allowQuery(), requireAdmin, async (ctx) => {
    await inTenant(knex, ctx, (rctx) => purgeRecord(ctx.params.entity, ctx.params.id, rctx));
    ctx.status = 204;
  });

  return r;
};
