import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import type { ArchiveColumn, ArchiveRow } from './format.js';

export interface LoadTarget {
  table: string;
  /** The archive's columns, each checked against the target table. */
  columns: ArchiveColumn[];
  /** The target's catalog types by column name: casts use these, never the archive's text. */
  types: Map<string, string>;
  /** A column set to one value on every row (the new tenant's id on engine tables). */
  fixed?: { column: string; value: string };
}

/** Refuses an archive column the target table does not have (an archive from a newer engine, or a damaged one). */
export const checkColumns = (target: Omit<LoadTarget, 'fixed'>): void => {
  const missing = target.columns.filter((c) => !target.types.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw invalidInput(`The archive's table "${target.table}" has columns this engine does not know: ${missing.join(', ')}`, missing.map((m) => ({ field: `${target.table}.${m}`, message: 'unknown column' })));
  }
};

/**
 * Inserts a page of archived rows as they are (ids, versions, timestamps): one statement
 * that casts each text value to its column's type, so both drivers send only text.
 */
export const loadRows = async (trx: Knex.Transaction, target: LoadTarget, rows: ArchiveRow[]): Promise<void> => {
  if (!rows.length) return;
  const cols = target.columns.map((c) => c.name);
  const names = [...(target.fixed ? [target.fixed.column] : []), ...cols];
  const values = [...(target.fixed ? ['?::uuid'] : []), ...cols.map((c, i) => `(r->>${i})::${target.types.get(c)}`)];
  const sql = `insert into ?? (${names.map(() => '??').join(', ')}) select ${values.join(', ')} from jsonb_array_elements(?::jsonb) as r`;
  await trx.raw(sql, [target.table, ...names, ...(target.fixed ? [target.fixed.value] : []), JSON.stringify(rows)]);
};

const SERIAL_COLUMNS = `
  select c.relname as table_name, a.attname as column_name
  from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum join pg_class c on c.oid = d.adrelid
  where c.relnamespace = (select oid from pg_namespace where nspname = current_schema()) and pg_get_expr(d.adbin, d.adrelid) like 'nextval(%'`;

/** Moves every sequence of the current tenant schema past the largest value its column holds, so new rows continue after the loaded ones. */
export const continueSequences = async (trx: Knex.Transaction): Promise<void> => {
  for (const s of (await trx.raw(SERIAL_COLUMNS)).rows as { table_name: string; column_name: string }[]) {
    await trx.raw(`select setval(pg_get_serial_sequence(?, ?), coalesce((select max(??) from ??), 0) + 1, false)`, [`"${s.table_name}"`, s.column_name, s.column_name, s.table_name]);
  }
};
