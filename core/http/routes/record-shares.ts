import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { addShare, listShares, parseShare, removeShare, type RecordShare } from '../../records/index.js';
import { actorNames } from '../../security/index.js';
import { idempotent } from '../idempotent.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

const body = (b: unknown): Record<string, unknown> => {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
  return b as Record<string, unknown>;
};

/**
 * /api/records/:entity/:id/shares (DESIGN §12): share one record with a user or a team,
 * for reading or editing; list the shares; take one back. Shares widen the record's row
 * scope wherever the record service reads (core/records/record-shares.ts).
 */
export const recordShareRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });
  /** Each share with the user's name (a team's name is the client's to look up as a record). */
  const named = async (ctx: Parameters<typeof authOf>[0], shares: RecordShare[]) => {
    const names = await actorNames({ tenantId: authOf(ctx).tenant.id, ids: shares.map((s) => s.user) }, { knex });
    return shares.map((s) => ({ ...s, userName: s.user ? (names.get(s.user)?.name ?? null) : null }));
  };

  r.get('/:entity/:id/shares', allowQuery(), async (ctx) => {
    const shares = await inTenant(knex, ctx, (rctx) => listShares(ctx.params.entity, ctx.params.id, rctx));
    ctx.body = { data: await named(ctx, shares) };
  });

  r.post('/:entity/:id/shares', allowQuery(), idempotent(knex), async (ctx) => {
    const input = parseShare(body(ctx.state.body));
    const share = await inTenant(knex, ctx, (rctx) => addShare(ctx.params.entity, ctx.params.id, input, rctx));
    ctx.status = 201;
    ctx.body = (await named(ctx, [share]))[0];
  });

  r.delete('/:entity/:id/shares/:shareId', allowQuery(), async (ctx) => {
    await inTenant(knex, ctx, (rctx) => removeShare(ctx.params.entity, ctx.params.id, ctx.params.shareId, rctx));
    ctx.status = 204;
  });
  return r;
};
