import { badRequest } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { assertReadsEntity, listScopeParts, scopeWhere, userGuard } from './access.js';
import { compileFilter } from './compile-filter.js';
import { entityOf } from './entity-fields.js';
import { cursorKeysSql, decodeCursor, encodeCursor, keysetSql } from './keyset-cursor.js';
import { orderBySql, parseSort } from './parse-sort.js';
import { MAIN, joinsSql, newQueryState, recordScope, type QueryState } from './record-scope.js';
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

const joinSql = (parts: SqlFragment[], sep: string): SqlFragment => ({ sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) });

/** `count(*)` of the records `where` matches (without the page's cursor), as a scalar subquery named `_total`. */
const totalSql = (entity: string, state: QueryState, where: SqlFragment[]): SqlFragment => {
  const joins = joinsSql(state);
  const cond = where.length ? joinSql(where, ' and ') : { sql: 'true', bindings: [] };
  return { sql: `(select count(*) from ?? as ??${joins.sql} where ${cond.sql}) as _total`, bindings: [entity, MAIN, ...joins.bindings, ...cond.bindings] };
};

/** The total alone, for a page past the last record (a cursor page with no rows). */
const countOnly = async (entity: string, state: QueryState, where: SqlFragment[], ctx: RecordContext): Promise<number> => {
  const q = totalSql(entity, state, where);
  const { rows } = await ctx.db.raw(`select ${q.sql}`, q.bindings as never[]);
  return Number(rows[0]._total);
};

/**
 * A page of records: filter (json-logic → SQL), search, strict sort tie-broken by id,
 * keyset pagination (never OFFSET), projection through references, and the actor's
 * read scope as one more predicate. All in one query; with `total`, the count of every
 * matching record rides along as a scalar subquery.
 */
export async function listRecords(entity: string, query: ListQuery, ctx: RecordContext): Promise<ListResult> {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  const limit = limitOf(query.limit);
  const state = newQueryState();
  const scope = recordScope(doc, state, ctx, userGuard(ctx));
  const where: SqlFragment[] = [];
  // With shares, the page reads the granted rows and the shared ones each in its best way (not with a total, counted over one predicate).
  const parts = query.total ? undefined : listScopeParts(doc, ctx, state, limit + 1);
  const allowed = parts ? undefined : scopeWhere(doc, 'read', ctx, state);
  if (allowed) where.push(allowed);
  if (query.onlyDeleted) where.push({ sql: '?? is not null', bindings: [`${MAIN}.deleted_at`] });
  else if (!query.includeDeleted) where.push({ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] });
  const filter = compileFilter(query.filter, doc, scope);
  if (filter) where.push(filter);
  const order = parseSort(query.sort, scope);
  const after = query.cursor ? keysetSql(order, decodeCursor(String(query.cursor), order)) : undefined;
  try {
    const search = await searchPredicate(doc, query.q, ctx);
    if (search) where.push(search);
    const keys = cursorKeysSql(order);
    const extra = query.total ? joinSql([keys, totalSql(doc.name, state, where)].filter((f) => f.sql), ', ') : keys;
    const fields = query.fields?.length ? query.fields : undefined;
    const page = after ? [...where, after] : where;
    const { records, rows } = await selectRecords({ entity: doc, fields, state, where: page, extra, orderBy: orderBySql(order), limit: limit + 1, guarded: true, ...(parts ? { parts: { ...parts, order } } : {}) }, ctx);
    const total = query.total ? { total: rows.length ? Number(rows[0]._total) : after ? await countOnly(doc.name, state, where, ctx) : 0 } : {};
    if (records.length <= limit) return { data: records, nextCursor: null, ...total };
    const last = rows[limit - 1];
    const values = order.keys.map((_, i) => (last[`_k${i}`] ?? null) as string | null);
    return { data: records.slice(0, limit), nextCursor: encodeCursor(order, values, String(records[limit - 1].id)), ...total };
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
}
