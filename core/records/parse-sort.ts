import { invalidInput } from '../errors.js';
import type { ResolvedVar, SqlFragment, SqlScope } from '../rules/index.js';
import { SQL_CAST } from './entity-fields.js';
import { MAIN } from './record-scope.js';

export interface SortKey {
  path: string;
  desc: boolean;
  expr: ResolvedVar;
  /** Postgres type a cursor value (text) is cast back to. */
  cast: string;
}

const ITEM = /^-?[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
const MAX_KEYS = 8;

export interface SortOrder {
  keys: SortKey[];
  /** The id breaks ties (ascending unless the sort names "-id"); keys after id are moot. */
  idDesc: boolean;
}

/** Parses "-amount,account.name" strictly: each item a field or a reference path, sortable, known. */
export const parseSort = (sort: string | undefined, scope: SqlScope): SortOrder => {
  const items = (sort ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const problems: { field: string; message: string; code: string }[] = [];
  if (items.length > MAX_KEYS) problems.push({ field: 'sort', message: `at most ${MAX_KEYS} sort keys`, code: 'TOO_MANY' });
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  let idDesc: boolean | undefined;
  for (const item of items.slice(0, MAX_KEYS)) {
    const shown = item.slice(0, 80);
    if (!ITEM.test(item)) {
      problems.push({ field: 'sort', message: `"${shown}" is not a field name (use name or -name)`, code: 'INVALID_SORT' });
      continue;
    }
    const path = item.replace(/^-/, '');
    const expr = scope.resolveVar(path);
    const cast = expr && SQL_CAST[expr.type];
    if (!expr) problems.push({ field: 'sort', message: `unknown field "${path}"`, code: 'UNKNOWN_FIELD' });
    else if (!cast) problems.push({ field: 'sort', message: `cannot sort by "${path}"`, code: 'NOT_SORTABLE' });
    else if (path === 'id') idDesc ??= item.startsWith('-');
    else if (!seen.has(path) && idDesc === undefined) keys.push({ path, desc: item.startsWith('-'), expr, cast });
    seen.add(path);
  }
  if (problems.length) throw invalidInput(`Invalid sort: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { keys, idDesc: idDesc ?? false };
};

/**
 * ORDER BY: every key in PostgreSQL's own NULL order (NULLs count as the largest value:
 * last ascending, first descending), then id. That is the order a plain btree index
 * yields forwards and backwards, so `sort=-amount` is read from the index, not sorted.
 */
export const orderBySql = ({ keys, idDesc }: SortOrder): SqlFragment => ({
  sql: [...keys.map((k) => `${k.expr.sql} ${k.desc ? 'desc' : 'asc'}`), `?? ${idDesc ? 'desc' : 'asc'}`].join(', '),
  bindings: [...keys.flatMap((k) => k.expr.bindings), `${MAIN}.id`],
});
