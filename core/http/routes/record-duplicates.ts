import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { duplicatePairs, findDuplicates, mergeRecords, undoMerge, MAX_PAIRS_PAGE } from '../../records/index.js';
import { idempotent } from '../idempotent.js';
import { ifMatchVersion } from '../if-match.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

const body = (b: unknown): Record<string, unknown> => {
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
  return b as Record<string, unknown>;
};

const wholeNumber = (raw: unknown, field: string, max: number): number | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw invalidInput(`${field} is out of range`, [{ field, message: `must be a whole number from 0 to ${max}` }]);
  return n;
};

const objectOf = (raw: unknown, field: string): Record<string, unknown> | undefined => {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidInput(`${field} must be an object`, [{ field, message: 'expected an object of field values' }]);
  return raw as Record<string, unknown>;
};

/**
 * Duplicates and merge (core/records/find-duplicates.ts, merge-records.ts): a draft's
 * possible duplicates, the pairs to review, merging one record into another and undoing it.
 */
export const recordDuplicateRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.post('/:entity/duplicates', allowQuery(), async (ctx) => {
    const input = body(ctx.state.body);
    const values = objectOf(input.values, 'values') ?? {};
    const exclude = typeof input.exclude === 'string' ? input.exclude : undefined;
    const limit = wholeNumber(input.limit, 'limit', 20);
    ctx.body = { data: await inTenant(knex, ctx, (rctx) => findDuplicates(ctx.params.entity, values, rctx, { exclude, limit })) };
  });

  r.get('/:entity/duplicates/pairs', allowQuery('offset', 'limit'), async (ctx) => {
    const offset = wholeNumber(queryString(ctx, 'offset'), 'offset', 1_000_000);
    const limit = wholeNumber(queryString(ctx, 'limit'), 'limit', MAX_PAIRS_PAGE);
    ctx.body = await inTenant(knex, ctx, (rctx) => duplicatePairs(ctx.params.entity, rctx, { offset, limit }));
  });

  r.post('/:entity/:id/merge', allowQuery(), idempotent(knex), async (ctx) => {
    const version = ifMatchVersion(ctx, false);
    const input = body(ctx.state.body);
    const unknown = Object.keys(input).filter((k) => !['otherId', 'otherVersion', 'values'].includes(k));
    if (unknown.length) throw invalidInput('The merge is not valid', unknown.map((k) => ({ field: k, message: 'is not a merge field' })));
    if (typeof input.otherId !== 'string') throw invalidInput('The merge is not valid', [{ field: 'otherId', message: 'the id of the record to merge into this one' }]);
    const otherVersion = wholeNumber(input.otherVersion, 'otherVersion', 1e9);
    const values = objectOf(input.values, 'values');
    const result = await inTenant(knex, ctx, (rctx) => mergeRecords(ctx.params.entity, ctx.params.id, { otherId: String(input.otherId), values, version, otherVersion }, { ...rctx, singleWrite: true }));
    ctx.set('ETag', `"${result.record.version}"`);
    ctx.body = result;
  });

  r.post('/:entity/:id/unmerge', allowQuery(), idempotent(knex), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => undoMerge(ctx.params.entity, ctx.params.id, { ...rctx, singleWrite: true }));
  });

  return r;
};
