import { commentLiteral } from './catalog-comment.js';
import type { Conversion } from './conversion.js';
import type { DesiredColumn, DesiredForeignKey, DesiredIndex, DesiredTable, OnDelete, SqlFragment } from './types.js';

/**
 * Builders of the DDL statements schema sync runs. Identifiers always go through `??`
 * bindings; the only text spliced in is engine-made: column types from columnTypeOf,
 * fixed options and predicates, and comment literals built from validated stable ids.
 */
const frag = (sql: string, ...bindings: string[]): SqlFragment => ({ sql, bindings });

const columnDef = (c: DesiredColumn): string => `?? ${c.type}${c.options ? ` ${c.options}` : ''}`;

export const createTableSql = (t: DesiredTable): SqlFragment[] => [
  frag(`create table ?? (${t.columns.map(columnDef).join(', ')})`, t.name, ...t.columns.map((c) => c.name)),
  ...(t.id ? [tableCommentSql(t.name, t.id)] : []),
  ...t.columns.filter((c) => c.id).map((c) => columnCommentSql(t.name, c.name, c.id!)),
];

export const renameTableSql = (from: string, to: string): SqlFragment => frag('alter table ?? rename to ??', from, to);

export const tableCommentSql = (table: string, id: string): SqlFragment => frag(`comment on table ?? is ${commentLiteral(id)}`, table);

export const columnCommentSql = (table: string, column: string, id: string): SqlFragment =>
  frag(`comment on column ??.?? is ${commentLiteral(id)}`, table, column);

export const addColumnSql = (table: string, c: DesiredColumn): SqlFragment[] => [
  frag(`alter table ?? add column ${columnDef(c)}`, table, c.name),
  ...(c.id ? [columnCommentSql(table, c.name, c.id)] : []),
];

export const renameColumnSql = (table: string, from: string, to: string): SqlFragment =>
  frag('alter table ?? rename column ?? to ??', table, from, to);

export const changeTypeSql = (table: string, column: string, type: string, conversion: Conversion): SqlFragment =>
  frag(
    `alter table ?? alter column ?? type ${type} using ${conversion.using}`,
    table,
    column,
    ...Array<string>(conversion.columnRefs).fill(column),
  );

/** `opclassSchema`: the schema of the index's operator class (pg_trgm's), named in full so no search_path is assumed. */
export const createIndexSql = (table: string, i: DesiredIndex, opclassSchema?: string): SqlFragment => {
  const opclass = i.opclass ? (opclassSchema ? ` ??.${i.opclass}` : ` ${i.opclass}`) : '';
  const key = (n: number) => `??${opclass}${i.descending?.[n] ? ' desc' : ''}`;
  return frag(
    `create ${i.unique ? 'unique ' : ''}index ?? on ?? using ${i.method} (${i.columns.map((_, n) => key(n)).join(', ')})${i.where ? ` where ${i.where}` : ''}`,
    i.name,
    table,
    ...i.columns.flatMap((c) => (i.opclass && opclassSchema ? [c, opclassSchema] : [c])),
  );
};

export const dropIndexSql = (name: string): SqlFragment => frag('drop index ??', name);

export const renameIndexSql = (from: string, to: string): SqlFragment => frag('alter index ?? rename to ??', from, to);

const ON_DELETE_SQL: Record<OnDelete, string> = { restrict: 'restrict', set_null: 'set null', cascade: 'cascade' };

export const addForeignKeySql = (table: string, fk: DesiredForeignKey): SqlFragment =>
  frag(
    `alter table ?? add constraint ?? foreign key (??) references ?? (id) on delete ${ON_DELETE_SQL[fk.onDelete]}`,
    table,
    fk.name,
    fk.column,
    fk.refTable,
  );

export const dropConstraintSql = (table: string, name: string): SqlFragment => frag('alter table ?? drop constraint ??', table, name);

export const renameConstraintSql = (table: string, from: string, to: string): SqlFragment =>
  frag('alter table ?? rename constraint ?? to ??', table, from, to);

export const dropColumnSql = (table: string, column: string): SqlFragment => frag('alter table ?? drop column ??', table, column);

/** Cascade removes only constraints of other tables that point here (retired columns keep their data). */
export const dropTableSql = (table: string): SqlFragment => frag('drop table ?? cascade', table);
