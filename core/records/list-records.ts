import { badRequest } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { assertReadsEntity, scopeWhere, userGuard } from './access.js';
import { compileFilter } from './compile-filter.js';
import { entityOf } from './entity-fields.js';
import { cursorKeysSql, decodeCursor, encodeCursor, keysetSql } from './keyset-cursor.js';
import { orderBySql, parseSort } from './parse-sort.js';
import { MAIN, newQueryState, recordScope } from './record-scope.js';
import { searchPredicate } from './search-predicate.js';
import { selectRecords } from './select-records.js';
import { translatePgError } from './translate-pg-error.js';
import type { ListQuery, ListResult, RecordContext } from './types.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const limitOf = (limit: unknown): number => {
  if (limit === undefined || limit === null || limit === '') return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw badRequest('limit must be a positive whole number', { errors: [{ field: 'limit', message: 'must be 1 or more' }] });
  return Math.min(n, MAX_LIMIT);
};

/**
 * A page of records: filter (json-logic → SQL), search, strict sort tie-broken by id,
 * keyset pagination (never OFFSET), projection through references, and the actor's
 * read scope as one more predicate. All in one query.
 */
export async function listRecords(entity: string, query: ListQuery, ctx: RecordContext): Promise<ListResult> {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  const limit = limitOf(query.limit);
  const state = newQueryState();
  const scope = recordScope(doc, state, ctx, userGuard(ctx));
  const where: SqlFragment[] = [];
  const allowed = scopeWhere(doc, 'read', ctx, state);
  if (allowed) where.push(allowed);
  if (query.onlyDeleted) where.push({ sql: '?? is not null', bindings: [`${MAIN}.deleted_at`] });
  else if (!query.includeDeleted) where.push({ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] });
  const filter = compileFilter(query.filter, doc, scope);
  if (filter) where.push(filter);
  const order = parseSort(query.sort, scope);
  if (query.cursor) where.push(keysetSql(order, decodeCursor(String(query.cursor), order)));
  try {
    const search = await searchPredicate(doc, query.q, ctx);
    if (search) where.push(search);
    const extra = cursorKeysSql(order);
    const fields = query.fields?.length ? query.fields : undefined;
    const { records, rows } = await selectRecords({ entity: doc, fields, state, where, extra, orderBy: orderBySql(order), limit: limit + 1, guarded: true }, ctx);
    if (records.length <= limit) return { data: records, nextCursor: null };
    const last = rows[limit - 1];
    const values = order.keys.map((_, i) => (last[`_k${i}`] ?? null) as string | null);
    return { data: records.slice(0, limit), nextCursor: encodeCursor(order, values, String(records[limit - 1].id)) };
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
}
