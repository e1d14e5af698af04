import type { Knex } from 'knex';
import { idFromComment } from './catalog-comment.js';
import type { ActualForeignKey, ActualTable } from './types.js';

const SCHEMA_OID = `(select oid from pg_namespace where nspname = current_schema())`;

const TABLES = `
  select c.oid::int8 as oid, c.relname as name, obj_description(c.oid, 'pg_class') as comment
  from pg_class c
  where c.relnamespace = ${SCHEMA_OID} and c.relkind in ('r', 'p') and left(c.relname, 1) <> '_'
  order by c.relname`;

const COLUMNS = `
  select a.attrelid::int8 as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
         a.attnotnull as not_null, col_description(a.attrelid, a.attnum) as comment
  from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relnamespace = ${SCHEMA_OID} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
  order by a.attrelid, a.attnum`;

const INDEXES = `
  select i.indrelid::int8 as oid, ic.relname as name, i.indisunique as is_unique, am.amname as method,
         pg_get_expr(i.indpred, i.indrelid) as predicate,
         (i.indisprimary or exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)) as is_constraint,
         array(select a.attname from unnest(i.indkey) with ordinality as k(attnum, n)
               left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               order by k.n) as columns,
         array(select coalesce(pg_index_column_has_property(i.indexrelid, k.n::int, 'desc'), false)
               from unnest(i.indkey) with ordinality as k(attnum, n) order by k.n) as descending,
         array(select o.opcname from unnest(i.indclass::oid[]) with ordinality as k(opc, n)
               join pg_opclass o on o.oid = k.opc order by k.n) as opclasses
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_class c on c.oid = i.indrelid
  join pg_am am on am.oid = ic.relam
  where c.relnamespace = ${SCHEMA_OID}
  order by ic.relname`;

const FOREIGN_KEYS = `
  select k.conrelid::int8 as oid, k.conname as name, r.relname as ref_table, k.confdeltype as on_delete,
         array(select a.attname from unnest(k.conkey) with ordinality as x(attnum, n)
               join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.attnum order by x.n) as columns
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_class r on r.oid = k.confrelid
  where k.contype = 'f' and c.relnamespace = ${SCHEMA_OID}
  order by k.conname`;

const ON_DELETE: Record<string, ActualForeignKey['onDelete']> = {
  r: 'restrict',
  a: 'no_action',
  n: 'set_null',
  c: 'cascade',
  d: 'set_default',
};

/** Postgres arrays may come back as JS arrays or as '{a,b}' text depending on the driver. */
const toArray = (v: unknown): (string | null)[] => {
  if (Array.isArray(v)) return v as (string | null)[];
  if (typeof v !== 'string') return [];
  const inner = v.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => (s === 'NULL' ? null : s.replace(/^"|"$/g, '')));
};

/** Lower-case predicate without parentheses, so `(deleted_at IS NULL)` equals `deleted_at is null`. */
export const normalisePredicate = (p: string | null | undefined): string | undefined =>
  p ? p.toLowerCase().replace(/[()]/g, '').replace(/\s+/g, ' ').trim() : undefined;

/**
 * The entity tables of the current tenant schema (the first schema on search_path),
 * read from the catalog: columns with their types, stable ids from comments, indexes and
 * foreign keys. Tables whose names start with "_" are the engine's own and left out.
 */
export async function introspectSchema(trx: Knex.Transaction): Promise<ActualTable[]> {
  const tables = (await trx.raw(TABLES)).rows as { oid: number; name: string; comment: string | null }[];
  if (tables.length === 0) return [];
  const byOid = new Map<number, ActualTable>();
  for (const t of tables) byOid.set(Number(t.oid), { name: t.name, id: idFromComment(t.comment), columns: [], indexes: [], foreignKeys: [] });

  for (const c of (await trx.raw(COLUMNS)).rows) {
    byOid.get(Number(c.oid))?.columns.push({ name: c.name, type: c.type, id: idFromComment(c.comment), notNull: c.not_null });
  }
  for (const i of (await trx.raw(INDEXES)).rows) {
    byOid.get(Number(i.oid))?.indexes.push({
      name: i.name,
      columns: toArray(i.columns),
      unique: i.is_unique,
      method: i.method,
      where: normalisePredicate(i.predicate),
      descending: (toArray(i.descending) as unknown[]).map((d) => d === true || d === 't'),
      opclasses: toArray(i.opclasses).filter((c): c is string => c !== null),
      constraint: i.is_constraint,
    });
  }
  for (const k of (await trx.raw(FOREIGN_KEYS)).rows) {
    byOid.get(Number(k.oid))?.foreignKeys.push({
      name: k.name,
      columns: toArray(k.columns).filter((c): c is string => c !== null),
      refTable: k.ref_table,
      onDelete: ON_DELETE[k.on_delete] ?? 'no_action',
    });
  }
  return [...byOid.values()];
}
