import type { EntityDocument, FieldDefinition, FormulaField, ManyToManyField, RollupField } from '../metadata/types.js';
import { compileCondition, compileExpression, compilePredicate, type ColumnType, type ResolvedVar, type SqlFragment, type SqlScope } from '../rules/index.js';
import { SYSTEM_COLUMN_TYPES, SYSTEM_FIELDS, VIRTUAL_TYPES, columnTypeOfField, fieldOf, isUuid, valueTypeOf } from './entity-fields.js';
import type { Actor, RecordContext } from './types.js';

/** Table alias of the entity a query reads. Entity names never start with "_", so engine aliases cannot clash. */
export const MAIN = '_t';
const MAX_DEPTH = 6;

/** Per-query state: an alias counter and the left joins reference paths asked for. */
export interface QueryState {
  seq: number;
  joins: Map<string, { alias: string; table: string; column: string; on?: SqlFragment }>;
}

/**
 * What a user-typed path may reach: not the fields hidden from the actor, and through a
 * reference only a record the actor may read (else the path reads as null).
 */
export interface PathGuard {
  hidden(entity: EntityDocument): Set<string>;
  /** The read scope of `entity` over `alias`, its rules compiled in `scope`; undefined = every row. */
  rowScope(entity: EntityDocument, alias: string, scope: SqlScope): SqlFragment | undefined;
}
export const newQueryState = (): QueryState => ({ seq: 0, joins: new Map() });

interface Where {
  entity: EntityDocument;
  alias: string;
  /** Reference paths become left joins (the main query) instead of scalar subqueries. */
  joins: boolean;
  depth: number;
  /** Paths a user typed (filter, sort, fields): see PathGuard. */
  guard?: PathGuard;
}

/** A column, with its own type: constants compared with it are cast to that type, so its index serves. */
const column = (alias: string, name: string, type: ResolvedVar['type'], columnType: ColumnType | undefined): ResolvedVar => ({
  sql: '??',
  bindings: [`${alias}.${name}`],
  type,
  ...(columnType ? { columnType } : {}),
});

const ATTRIBUTE = /^\$user\.([a-z][a-z0-9_]{0,62})$/;

/** `$user.<key>`: a portal user's attribute (uuid, text, number or boolean), null when the actor has none of that name. */
const attributeVar = (path: string, attributes: Actor['attributes']): ResolvedVar | undefined => {
  const key = ATTRIBUTE.exec(path)?.[1];
  if (!key) return undefined;
  const v = attributes?.[key];
  if (v === undefined || v === null) return { sql: 'null', bindings: [], type: 'unknown' };
  const literal = { value: v };
  if (typeof v === 'boolean') return { sql: 'cast(? as boolean)', bindings: [v], type: 'boolean', literal };
  if (typeof v === 'number') return { sql: 'cast(? as numeric)', bindings: [v], type: 'number', literal };
  return isUuid(v) ? { sql: 'cast(? as uuid)', bindings: [v], type: 'uuid', literal } : { sql: 'cast(? as text)', bindings: [v], type: 'text', literal };
};

const userVar = (path: string, ctx: RecordContext): ResolvedVar | undefined => {
  const { actor } = ctx;
  switch (path) {
    case '$user.id':
      return isUuid(actor.id) ? { sql: 'cast(? as uuid)', bindings: [actor.id], type: 'uuid' } : { sql: 'cast(null as uuid)', bindings: [], type: 'uuid' };
    case '$user.roles':
      return { sql: 'array(select jsonb_array_elements_text(cast(? as jsonb)))', bindings: [JSON.stringify(actor.roles ?? [])], type: 'text_array' };
    case '$user.team':
      if (actor.team == null) return { sql: 'cast(null as text)', bindings: [], type: 'text' };
      return isUuid(actor.team) ? { sql: 'cast(? as uuid)', bindings: [actor.team], type: 'uuid' } : { sql: 'cast(? as text)', bindings: [actor.team], type: 'text' };
    case '$user.name':
      return { sql: 'cast(? as text)', bindings: [actor.name ?? ''], type: 'text' };
    case '$user.isAdmin':
      return { sql: 'cast(? as boolean)', bindings: [Boolean(actor.isAdmin)], type: 'boolean' };
    default:
      return attributeVar(path, actor.attributes);
  }
};

const FORMULA_CAST: Record<FormulaField['resultType'], string> = {
  text: 'cast(%s as text)',
  integer: 'trunc(cast(%s as numeric))',
  decimal: 'cast(%s as numeric)',
  date: 'cast(%s as date)',
  datetime: 'cast(%s as timestamptz)',
  boolean: '%s',
};

const formulaSql = (field: FormulaField, scope: SqlScope): ResolvedVar => {
  const inner = field.resultType === 'boolean' ? compilePredicate(field.expr, scope) : compileExpression(field.expr, scope);
  return { sql: FORMULA_CAST[field.resultType].replace('%s', `(${inner.sql})`), bindings: inner.bindings, type: valueTypeOf(field) };
};

/** A correlated aggregate over the live children; never loads them. */
const rollupSql = (field: RollupField, at: Where, state: QueryState, ctx: RecordContext): ResolvedVar | undefined => {
  const [childName, ref] = field.relation.split('.');
  const child = ctx.meta.entities[childName];
  if (!child || fieldOf(child, ref)?.type !== 'reference') return undefined;
  const c = `_c${++state.seq}`;
  const inner: Where = { entity: child, alias: c, joins: false, depth: at.depth + 1 };
  let agg: ResolvedVar;
  if (field.aggregate === 'count') agg = { sql: 'count(*)', bindings: [], type: 'number' };
  else {
    const v = field.field ? resolvePath(field.field, inner, state, ctx) : undefined;
    if (!v) return undefined;
    const sql = field.aggregate === 'sum' ? `coalesce(sum(${v.sql}), 0)` : `${field.aggregate}(${v.sql})`;
    agg = { sql, bindings: v.bindings, type: field.aggregate === 'sum' || field.aggregate === 'avg' ? 'number' : v.type };
  }
  const filter: SqlFragment = field.filter === undefined ? { sql: 'true', bindings: [] } : compileCondition(field.filter, scopeAt(inner, state, ctx));
  return {
    sql: `(select ${agg.sql} from ?? as ?? where ?? = ?? and ?? is null and ${filter.sql})`,
    bindings: [...agg.bindings, child.name, c, `${c}.${ref}`, `${at.alias}.id`, `${c}.deleted_at`, ...filter.bindings],
    type: agg.type,
  };
};

/** The ids of the live linked records, oldest link first, as a text array. */
const manyToManySql = (field: ManyToManyField, at: Where, state: QueryState): ResolvedVar => {
  const m = `_m${++state.seq}`;
  const target = `${m}t`;
  return {
    sql: `coalesce((select array_agg(cast(?? as text) order by ??) from ?? as ?? join ?? as ?? on ?? = ?? and ?? is null where ?? = ?? and ?? is null), cast(array[] as text[]))`,
    bindings: [
      `${m}.${field.targetField}`, `${m}.id`, field.through, m, field.entity, target, `${target}.id`, `${m}.${field.targetField}`,
      `${target}.deleted_at`, `${m}.${field.sourceField}`, `${at.alias}.id`, `${m}.deleted_at`,
    ],
    type: 'text_array',
  };
};

const fieldSql = (name: string, field: FieldDefinition, at: Where, state: QueryState, ctx: RecordContext): ResolvedVar | undefined => {
  if (!VIRTUAL_TYPES.has(field.type)) return column(at.alias, name, valueTypeOf(field), columnTypeOfField(field));
  if (field.type === 'formula') return formulaSql(field, scopeAt({ ...at, depth: at.depth + 1 }, state, ctx));
  if (field.type === 'rollup') return rollupSql(field, at, state, ctx);
  if (field.type === 'many_to_many') return manyToManySql(field, at, state);
  return undefined;
};

/** Through a reference: a left join in the main query, a scalar subquery anywhere else. */
const throughReference = (head: string, rest: string, at: Where, state: QueryState, ctx: RecordContext): ResolvedVar | undefined => {
  const ref = fieldOf(at.entity, head);
  if (ref?.type !== 'reference') return undefined;
  const target = ctx.meta.entities[ref.entity];
  if (!target) return undefined;
  const rowScope = (alias: string): SqlFragment | undefined =>
    at.guard?.rowScope(target, alias, scopeAt({ entity: target, alias, joins: false, depth: at.depth + 1 }, state, ctx));
  if (at.joins) {
    const existing = state.joins.get(head);
    const alias = existing?.alias ?? `_j_${head}`;
    const v = resolvePath(rest, { entity: target, alias, joins: false, depth: at.depth + 1, guard: at.guard }, state, ctx);
    if (v && !existing) state.joins.set(head, { alias, table: target.name, column: head, on: rowScope(alias) });
    return v;
  }
  const r = `_r${++state.seq}`;
  const v = resolvePath(rest, { entity: target, alias: r, joins: false, depth: at.depth + 1, guard: at.guard }, state, ctx);
  if (!v) return undefined;
  const only = rowScope(r);
  return {
    sql: `(select ${v.sql} from ?? as ?? where ?? = ??${only ? ` and ${only.sql}` : ''})`,
    bindings: [...v.bindings, target.name, r, `${r}.id`, `${at.alias}.${head}`, ...(only?.bindings ?? [])],
    type: v.type,
    ...(v.columnType ? { columnType: v.columnType } : {}),
  };
};

const resolvePath = (path: string, at: Where, state: QueryState, ctx: RecordContext): ResolvedVar | undefined => {
  if (at.depth > MAX_DEPTH) return undefined;
  const dot = path.indexOf('.');
  if (at.guard?.hidden(at.entity).has(dot > 0 ? path.slice(0, dot) : path)) return undefined;
  if (dot > 0) return throughReference(path.slice(0, dot), path.slice(dot + 1), at, state, ctx);
  if (Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, path)) return column(at.alias, path, SYSTEM_FIELDS[path], SYSTEM_COLUMN_TYPES[path]);
  const field = fieldOf(at.entity, path);
  return field ? fieldSql(path, field, at, state, ctx) : undefined;
};

const scopeAt = (at: Where, state: QueryState, ctx: RecordContext): SqlScope => ({
  now: ctx.now,
  timeZone: ctx.time?.timeZone,
  calendar: ctx.time?.calendar,
  resolveVar: (path) => (path.startsWith('$') ? userVar(path, ctx) : resolvePath(path, at, state, ctx)),
});

/**
 * The rule scope of the main query over an entity: fields, system columns, reference
 * paths, formulas, roll-ups, $user. With `guard`, the paths a user typed cannot reach a
 * field hidden from the actor (in this entity or through a reference: they are unknown)
 * nor a referenced record outside the actor's read scope (it reads as null).
 */
export const recordScope = (entity: EntityDocument, state: QueryState, ctx: RecordContext, guard?: PathGuard): SqlScope =>
  scopeAt({ entity, alias: MAIN, joins: true, depth: 0, guard }, state, ctx);

/** The left joins the scope asked for, to put after `from <entity> as _t`. */
export const joinsSql = (state: QueryState): SqlFragment => {
  const parts = [...state.joins.values()];
  return {
    sql: parts.map((j) => ` left join ?? as ?? on ?? = ??${j.on ? ` and ${j.on.sql}` : ''}`).join(''),
    bindings: parts.flatMap((j) => [j.table, j.alias, `${j.alias}.id`, `${MAIN}.${j.column}`, ...(j.on?.bindings ?? [])]),
  };
};
