import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { parseBatch, runBatch, upsertRecord } from '../../records/index.js';
import { idempotent } from '../idempotent.js';
import { ifMatchVersion } from '../if-match.js';
import { allowQuery } from '../middleware/query-guard.js';
import { rememberedSignIn } from '../remembered-sign-in.js';
import { resultsIn } from '../problem.js';
import { requestLocale } from '../request-locale.js';
import { inTenant } from '../tenant-work.js';

/**
 * Batch and upsert of records: `POST /api/records/:entity/batch` (up to 200 creates,
 * updates and deletes in one tenant transaction; 200 with a result per item, or 422
 * BATCH_ROLLED_BACK when `allOrNone` and an item failed) and
 * `PUT /api/records/:entity/by/:field/:value` (200 updated, 201 created).
 */
export const recordBatchRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.post('/:entity/batch', rememberedSignIn, allowQuery(), idempotent(knex), async (ctx) => {
    const batch = parseBatch(ctx.state.body);
    const results = await inTenant(knex, ctx, (rctx) => runBatch(ctx.params.entity, batch, rctx));
    ctx.body = { results: resultsIn(results, await requestLocale(ctx)) };
  });

  r.put('/:entity/by/:field/:value', rememberedSignIn, allowQuery(), async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, false);
    const data = ctx.state.body ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
    const { entity, field, value } = ctx.params;
    const { created, record } = await inTenant(knex, ctx, (rctx) => upsertRecord(entity, { field, value, data, ifMatch }, { ...rctx, singleWrite: true }));
    ctx.status = created ? 201 : 200;
    ctx.set('ETag', `"${String(record.version)}"`);
    ctx.body = record;
  });

  return r;
};
