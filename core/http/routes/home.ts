import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { noteRecentView, recentViewInput, recentViews, searchEverywhere } from '../../records/index.js';
import { homeTiles } from '../../work/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

const recentLimitOf = (raw: string | undefined): number | undefined => (raw === undefined ? undefined : Number(raw));

const perEntityOf = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw invalidInput('limit must be a whole number from 1 to 20', [{ field: 'limit', message: 'a whole number from 1 to 20' }]);
  return n;
};

/**
 * GET /api/home: the home page's tiles ("my day") for the signed-in user;
 * GET /api/search?q=&limit=&locale=: records of every entity they may read, grouped by entity, in one query;
 * GET /api/recent?limit=&locale=: the records they opened last, across entities, still theirs to read;
 * POST /api/recent { entity, id }: notes that they opened a record (404 for one they may not read).
 */
export const homeRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/home', allowQuery(), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => homeTiles(rctx));
  });

  r.get('/search', allowQuery('q', 'limit', 'locale'), async (ctx) => {
    const q = queryString(ctx, 'q') ?? '';
    const perEntity = perEntityOf(queryString(ctx, 'limit'));
    const locale = queryString(ctx, 'locale');
    ctx.body = { q, groups: await inTenant(knex, ctx, (rctx) => searchEverywhere(q, { perEntity, locale }, rctx)) };
  });

  r.get('/recent', allowQuery('limit', 'locale'), async (ctx) => {
    const limit = recentLimitOf(queryString(ctx, 'limit'));
    const locale = queryString(ctx, 'locale');
    ctx.body = { data: await inTenant(knex, ctx, (rctx) => recentViews({ limit, locale }, rctx)) };
  });

  r.post('/recent', allowQuery(), async (ctx) => {
    const { entity, id } = recentViewInput(ctx.state.body);
    await inTenant(knex, ctx, (rctx) => noteRecentView(entity, id, rctx));
    ctx.status = 204;
  });

  return r;
};
