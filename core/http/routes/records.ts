import Router from '@koa/router';
import type { Knex } from 'knex';
import { AppError, invalidInput } from '../../errors.js';
import { performRecordAction } from '../../plugins/index.js';
import { explainAccess, createRecord, deleteRecord, getRecord, listRecords, recordHistory, restoreRecord, updateRecord } from '../../records/index.js';
import { actorNames, actorOfUser } from '../../security/index.js';
import { allowedTransitions, runTransition } from '../../workflow/lifecycles/index.js';
import { requestLocale } from '../request-locale.js';
import { idempotent } from '../idempotent.js';
import { ifMatchVersion } from '../if-match.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { rememberedSignIn } from '../remembered-sign-in.js';
import { authOf, inTenant } from '../tenant-work.js';

const parseFilter = (raw: string | undefined): unknown => {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidInput('filter is not valid JSON', [{ field: 'filter', message: 'must be a json-logic rule in JSON' }]);
  }
};

const parseLimit = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw invalidInput('limit is out of range', [{ field: 'limit', message: 'must be a whole number from 1 to 500' }]);
  return n;
};

const parseFields = (raw: string | undefined): string[] | undefined => (raw ? raw.split(',').map((f) => f.trim()).filter(Boolean) : undefined);

const body = (state: Record<string, unknown>): Record<string, unknown> => {
  const b = state.body;
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
  return b as Record<string, unknown>;
};

/** A transition's body: nothing, or `{ fields: { … } }`, the values of the fields it asks for. */
const transitionFieldsOf = (raw: unknown): Record<string, unknown> | undefined => {
  if (raw === undefined) return undefined;
  const b = body({ body: raw });
  const unknown = Object.keys(b).filter((k) => k !== 'fields');
  if (unknown.length) throw invalidInput('A transition takes only `fields`', unknown.map((field) => ({ field, message: 'is not allowed' })));
  if (b.fields === undefined) return undefined;
  if (typeof b.fields !== 'object' || b.fields === null || Array.isArray(b.fields)) throw invalidInput('`fields` must be an object of field values', [{ field: 'fields', message: 'expected an object' }]);
  return b.fields as Record<string, unknown>;
};

/** /api/records: thin handlers over the record service, each in one tenant transaction. */
export const recordRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.get('/:entity', rememberedSignIn, allowQuery('filter', 'sort', 'limit', 'cursor', 'fields', 'q', 'deleted', 'total'), async (ctx) => {
    const deleted = queryString(ctx, 'deleted');
    if (deleted && deleted !== 'only' && deleted !== 'include') throw invalidInput('deleted must be "only" or "include"', [{ field: 'deleted', message: 'only | include' }]);
    const total = queryString(ctx, 'total');
    if (total !== undefined && total !== 'true' && total !== 'false') throw invalidInput('total must be "true" or "false"', [{ field: 'total', message: 'true | false' }]);
    const query = {
      filter: parseFilter(queryString(ctx, 'filter')),
      sort: queryString(ctx, 'sort'),
      limit: parseLimit(queryString(ctx, 'limit')),
      cursor: queryString(ctx, 'cursor'),
      fields: parseFields(queryString(ctx, 'fields')),
      q: queryString(ctx, 'q'),
      onlyDeleted: deleted === 'only',
      includeDeleted: deleted === 'include',
      total: total === 'true',
    };
    // Without search text a page is one statement (search may first ask whether pg_trgm is
    // installed; a total past the last page is counted on its own).
    const oneStatement = !query.q?.trim() && !(query.total && query.cursor);
    ctx.body = await inTenant(knex, ctx, (rctx) => listRecords(ctx.params.entity, query, rctx), { oneStatement });
  });

  r.post('/:entity', rememberedSignIn, allowQuery(), idempotent(knex), async (ctx) => {
    const input = body(ctx.state);
    ctx.body = await inTenant(knex, ctx, (rctx) => createRecord(ctx.params.entity, input, { ...rctx, singleWrite: true }));
    ctx.status = 201;
    ctx.set('ETag', `"${(ctx.body as { version: number }).version}"`);
  });

  r.get('/:entity/:id', rememberedSignIn, allowQuery('fields'), async (ctx) => {
    const fields = parseFields(queryString(ctx, 'fields'));
    const record = await inTenant(knex, ctx, (rctx) => getRecord(ctx.params.entity, ctx.params.id, rctx, { fields }), { oneStatement: true });
    ctx.set('ETag', `"${record.version}"`);
    ctx.body = record;
  });

  r.patch('/:entity/:id', rememberedSignIn, allowQuery(), async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, true);
    const patch = body(ctx.state);
    const record = await inTenant(knex, ctx, (rctx) => updateRecord(ctx.params.entity, ctx.params.id, patch, { ...rctx, singleWrite: true }, { ifMatch }));
    ctx.set('ETag', `"${record.version}"`);
    ctx.body = record;
  });

  r.delete('/:entity/:id', rememberedSignIn, allowQuery(), async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, false);
    await inTenant(knex, ctx, (rctx) => deleteRecord(ctx.params.entity, ctx.params.id, { ...rctx, singleWrite: true }, { ifMatch }));
    ctx.status = 204;
  });

  r.post('/:entity/:id/restore', allowQuery(), idempotent(knex), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => restoreRecord(ctx.params.entity, ctx.params.id, { ...rctx, singleWrite: true }));
  });

  r.get('/:entity/:id/history', allowQuery('limit', 'cursor'), async (ctx) => {
    const opts = { limit: parseLimit(queryString(ctx, 'limit')), cursor: queryString(ctx, 'cursor') };
    const page = await inTenant(knex, ctx, (rctx) => recordHistory(ctx.params.entity, ctx.params.id, rctx, opts));
    // Who acted, by name: a person or a service account.
    const names = await actorNames({ tenantId: authOf(ctx).tenant.id, ids: page.data.map((e) => e.actorId) }, { knex });
    ctx.body = { ...page, data: page.data.map((e) => ({ ...e, actorName: names.get(e.actorId ?? '')?.name ?? null, actorKind: names.get(e.actorId ?? '')?.kind ?? null })) };
  });

  r.post('/:entity/:id/actions/:action', allowQuery(), idempotent(knex), async (ctx) => {
    const { entity, id, action } = ctx.params;
    const params = body(ctx.state);
    const result = await inTenant(knex, ctx, (rctx, runtime) => performRecordAction({ entity, id, action, params }, rctx, runtime), { door: 'action' });
    ctx.body = result ?? { ok: true };
  });

  r.get('/:entity/:id/transitions', allowQuery(), async (ctx) => {
    const locale = await requestLocale(ctx);
    ctx.body = { data: await inTenant(knex, ctx, (rctx) => allowedTransitions({ entity: ctx.params.entity, id: ctx.params.id }, rctx, locale)) };
  });

  r.post('/:entity/:id/transitions/:transition', allowQuery(), idempotent(knex), async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, false);
    const { entity, id, transition } = ctx.params;
    const fields = transitionFieldsOf(ctx.state.body);
    const locale = await requestLocale(ctx);
    const record = await inTenant(knex, ctx, (rctx) => runTransition({ entity, id, transition, ifMatch, fields, locale, tenantId: authOf(ctx).tenant.id }, rctx));
    ctx.set('ETag', `"${record.version}"`);
    ctx.body = record;
  });

  r.get('/:entity/:id/access', allowQuery('user'), requireAdmin, async (ctx) => {
    const auth = authOf(ctx);
    const userId = queryString(ctx, 'user') ?? auth.actor.id;
    const subject = await actorOfUser({ tenantId: auth.tenant.id, id: userId }, { knex });
    ctx.body = await inTenant(knex, ctx, (rctx) => explainAccess(ctx.params.entity, ctx.params.id, subject, rctx));
  });

  return r;
};
