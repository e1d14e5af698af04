import type { EffectiveMeta, EntityDocument, RoleDocument, ViewDocument } from '../metadata/types.js';
import { catalogName } from './catalog-names.js';
import type { DesiredColumn, DesiredIndex } from './types.js';

/**
 * Composite indexes that serve what metadata declares, beyond one column per field:
 * - a view's filter and sort: the columns its filter fixes with `==` / `in` (top-level
 *   `and`), then its sort keys in their directions and `id` (the tie-breaker every list
 *   ends with) — or, without a sort, its one range column, or `id`;
 * - an `own` / `team` / `reports` read scope (rows by owner): `owner_id`, then the sort
 *   of the entity's default view, then `id`.
 * A list that fixes those columns and sorts that way is read from the index in order,
 * so LIMIT stops early. Only this entity's stored scalar columns take part; a sort key
 * that is a path or a computed field ends the sort part. Names are stable
 * (`<table>__<col>[_desc]__…__idx`, hashed past 63 characters); an index no longer
 * asked for is dropped by the plan (an index holds no data).
 */

/** Index keys at most (PostgreSQL allows 32; a list sorts by at most 8). */
const MAX_KEYS = 8;
const SCALAR = /^(text|bigint|integer|boolean|date|uuid|numeric(\(\d+,\d+\))?|timestamp with time zone)$/;
const RANGE = new Set(['<', '<=', '>', '>=']);
const OWNER_SCOPES = new Set(['own', 'team', 'reports']);

interface Key {
  column: string;
  desc: boolean;
}

const isVar = (v: unknown): v is { var: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { var?: unknown }).var === 'string';
/** A constant or a `$…` variable ($user.id, $today): the same for every row of one query. */
const isFixed = (v: unknown): boolean => v === null || typeof v !== 'object' || (isVar(v) && v.var.startsWith('$'));

const conjuncts = (rule: unknown): unknown[] => {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [];
  const [op, raw] = Object.entries(rule)[0] ?? [];
  if (op === 'and' && Array.isArray(raw)) return raw.flatMap(conjuncts);
  return [rule];
};

/** The columns a filter fixes by equality, and its first range column. */
const filterColumns = (filter: unknown, indexable: (name: string) => boolean): { equal: string[]; range?: string } => {
  const equal: string[] = [];
  let range: string | undefined;
  for (const c of conjuncts(filter)) {
    const [op, raw] = Object.entries(c as Record<string, unknown>)[0];
    if (!Array.isArray(raw)) continue;
    const column = raw.find((x) => isVar(x) && indexable(x.var)) as { var: string } | undefined;
    if (!column) continue;
    const others = raw.filter((x) => x !== column);
    if ((op === '==' || op === '===') && others.length === 1 && isFixed(others[0]) && others[0] !== null) equal.push(column.var);
    else if (op === 'in' && raw[0] === column && Array.isArray(raw[1]) && raw[1].length) equal.push(column.var);
    else if (RANGE.has(op) && others.every(isFixed)) range ??= column.var;
  }
  return { equal: [...new Set(equal)], range };
};

/** Sort keys up to the first one an index on this table cannot give. */
const sortKeys = (sort: ViewDocument['sort'], indexable: (name: string) => boolean): Key[] => {
  const keys: Key[] = [];
  for (const s of sort ?? []) {
    if (s.field === 'id' || !indexable(s.field)) break;
    keys.push({ column: s.field, desc: s.direction === 'desc' });
  }
  return keys;
};

const indexFor = (table: string, keys: Key[]): DesiredIndex | undefined => {
  const seen = new Set<string>();
  const unique = keys.filter((k) => !seen.has(k.column) && seen.add(k.column)).slice(0, MAX_KEYS);
  if (unique.length < 2) return undefined;
  const names = unique.map((k) => (k.desc ? `${k.column}_desc` : k.column));
  const index: DesiredIndex = { name: catalogName(table, names, 'idx'), columns: unique.map((k) => k.column), unique: false, method: 'btree' };
  if (unique.some((k) => k.desc)) index.descending = unique.map((k) => k.desc);
  return index;
};

const ID: Key = { column: 'id', desc: false };
const asc = (column: string): Key => ({ column, desc: false });

const viewsOf = (entity: string, meta: EffectiveMeta): ViewDocument[] =>
  Object.values(meta.documents.view ?? {})
    .map((d) => d as unknown as ViewDocument)
    .filter((v) => v.entity === entity)
    .sort((a, b) => a.name.localeCompare(b.name));

/** The composite indexes of one entity's table (see above), each once. */
export const metadataIndexes = (entity: EntityDocument, meta: EffectiveMeta, columns: DesiredColumn[]): DesiredIndex[] => {
  const table = entity.name;
  const scalar = new Set(columns.filter((c) => SCALAR.test(c.type) && c.name !== '_search').map((c) => c.name));
  const indexable = (name: string) => scalar.has(name);
  const views = viewsOf(table, meta);
  const out: DesiredIndex[] = [];
  for (const view of views) {
    const { equal, range } = filterColumns(view.filter, indexable);
    const sort = sortKeys(view.sort, indexable);
    const tail = sort.length ? [...sort, ID] : range ? [asc(range)] : [ID];
    const index = indexFor(table, [...equal.map(asc), ...tail]);
    if (index) out.push(index);
  }
  const byOwner = Object.values(meta.documents.role ?? {}).some((d) => {
    const read = (d as unknown as RoleDocument).entities?.[table]?.read;
    return typeof read === 'string' && OWNER_SCOPES.has(read);
  });
  if (byOwner) {
    const main = views.find((v) => v.default) ?? views.find((v) => (v.type ?? 'list') === 'list' && v.sort?.length);
    const index = indexFor(table, [asc('owner_id'), ...sortKeys(main?.sort, indexable), ID]);
    if (index) out.push(index);
  }
  const names = new Set<string>();
  return out.filter((i) => !names.has(i.name) && names.add(i.name));
};
