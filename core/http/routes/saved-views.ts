import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '../../saved-views/index.js';
import { ifMatchVersion } from '../if-match.js';
import { allowQuery } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

const obj = (v: unknown): Record<string, unknown> => {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
  return v as Record<string, unknown>;
};

/** /api/views/:entity/saved: the user's saved list views (and shared ones). */
export const savedViewRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/views/:entity/saved' });

  r.get('/', allowQuery(), async (ctx) => {
    ctx.body = { data: await inTenant(knex, ctx, (rctx) => listSavedViews(ctx.params.entity, rctx)) };
  });

  r.post('/', allowQuery(), async (ctx) => {
    const b = obj(ctx.state.body);
    ctx.body = await inTenant(knex, ctx, (rctx) => createSavedView(ctx.params.entity, b, rctx));
    ctx.status = 201;
  });

  r.patch('/:id', allowQuery(), async (ctx) => {
    const b = obj(ctx.state.body);
    const ifMatch = ifMatchVersion(ctx, false);
    ctx.body = await inTenant(knex, ctx, (rctx) => updateSavedView(ctx.params.entity, ctx.params.id, b, rctx, { ifMatch }));
  });

  r.delete('/:id', allowQuery(), async (ctx) => {
    await inTenant(knex, ctx, (rctx) => deleteSavedView(ctx.params.entity, ctx.params.id, rctx));
    ctx.status = 204;
  });

  return r;
};
