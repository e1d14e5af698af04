import { ENTITY } from './entity.js';

/**
 * The raw baseline's SQL: what one would write by hand for the deal routes, each route
 * one statement (one round trip). Tables are schema-qualified (no role or search_path).
 */
export const COLUMNS = ['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'deleted_at', 'title', 'amount', 'stage'];
export const WRITABLE = ['title', 'amount', 'stage'] as const;
export type Writable = (typeof WRITABLE)[number];

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const table = (schema: string): string => `${ident(schema)}.${ENTITY}`;
const history = (schema: string): string => `${ident(schema)}._history`;
const cols = (alias: string): string => COLUMNS.map((c) => `${alias}.${c}`).join(', ');
const searchOf = (title: string, stage: string): string => `to_tsvector('simple', concat_ws(' ', ${title}, ${stage}))`;
/** field → [old, new] for the fields whose value differs, like the record service's history. */
const changes = (names: string[], before: (n: string) => string, after: (n: string) => string): string =>
  `jsonb_strip_nulls(jsonb_build_object(${names.map((n) => `'${n}', case when ${before(n)} is distinct from ${after(n)} then jsonb_build_array(${before(n)}, ${after(n)}) end`).join(', ')}))`;

/** $1 id */
export const getSql = (schema: string): string => `select ${cols('d')} from ${table(schema)} as d where d.id = $1 and d.deleted_at is null`;

/**
 * $1 minimum amount, $2 limit (and with `own`, $3 the owner: the rows an own-scoped
 * user may read); the same order as the API: amount descending in PostgreSQL's NULL
 * order (NULLs first when descending), then id.
 */
export const listSql = (schema: string, own = false): string =>
  `select ${cols('d')}, cast(d.amount as text) as _k0 from ${table(schema)} as d
   where d.deleted_at is null and d.amount >= $1${own ? ' and d.owner_id = $3' : ''} order by d.amount desc, d.id asc limit $2`;

/** $1 id, $2 actor, $3 title, $4 amount, $5 stage: the row and its history row in one statement. */
export const createSql = (schema: string): string =>
  `with ins as (
     insert into ${table(schema)} as d (id, created_by, updated_by, owner_id, title, amount, stage, _search)
     values ($1, $2, $2, $2, $3, $4, $5, ${searchOf('$3::text', '$5::text')})
     returning ${cols('d')}
   ), h as (
     insert into ${history(schema)} (entity, record_id, action, actor_id, changes)
     select '${ENTITY}', ins.id, 'create', $2, ${changes(['owner_id', ...WRITABLE], () => 'null', (n) => `ins.${n}`)} from ins
   )
   select * from ins`;

/**
 * $1 id, $2 actor, $3 expected version, then one parameter per field in `fields`: the row
 * locked, checked, changed (version + 1) and its history row, in one statement. No row
 * back means missing or another version (versionSql tells which).
 */
export const updateSql = (schema: string, fields: Writable[]): string => {
  const value = (n: string) => (fields.includes(n as Writable) ? `$${4 + fields.indexOf(n as Writable)}::${n === 'amount' ? 'numeric' : 'text'}` : `old.${n}`);
  const sets = fields.map((n) => `${n} = ${value(n)}`);
  return `with old as (
     select ${cols('d')} from ${table(schema)} as d where d.id = $1 and d.deleted_at is null for update
   ), upd as (
     update ${table(schema)} as d set ${[...sets, 'version = d.version + 1', 'updated_at = now()', 'updated_by = $2', `_search = ${searchOf(value('title'), value('stage'))}`].join(', ')}
     from old where d.id = old.id and old.version = $3
     returning ${cols('d')}
   ), h as (
     insert into ${history(schema)} (entity, record_id, action, actor_id, changes)
     select '${ENTITY}', upd.id, 'update', $2, ${changes(fields, (n) => `old.${n}`, (n) => `upd.${n}`)} from upd join old on old.id = upd.id
   )
   select * from upd`;
};

/** $1 id: the live row's version, to tell 404 from 409 after an update changed nothing. */
export const versionSql = (schema: string): string => `select version from ${table(schema)} where id = $1 and deleted_at is null`;
