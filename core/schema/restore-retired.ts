import type { Knex } from 'knex';
import { invalidInput } from '../errors.js';
import { introspectSchema } from './introspect-schema.js';
import { addColumnSql, createTableSql } from './sql-fragments.js';
import { SYSTEM_COLUMNS } from './system-columns.js';
import type { DesiredColumn } from './types.js';

/** A table as a tenant archive describes it: its columns with their catalog types and stable ids. */
export interface ArchivedTable {
  name: string;
  id?: string;
  columns: { name: string; type: string; id?: string }[];
}

/** Types as format_type prints them (`numeric(18,4)`, `timestamp with time zone`, `text[]`): nothing else reaches DDL. */
const CATALOG_TYPE = /^[a-z][a-z0-9_ ]{0,62}(\(\d{1,4}(,\d{1,4})?\))?(\[\])?$/;
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const checked = (table: string, c: { name: string; type: string; id?: string }): DesiredColumn => {
  if (!NAME.test(c.name) || !CATALOG_TYPE.test(c.type)) {
    throw invalidInput(`The archive describes column "${table}.${c.name}" with a type the engine does not make`, [{ field: `${table}.${c.name}`, message: c.type }]);
  }
  return { name: c.name, type: c.type, id: c.id, system: false };
};

/**
 * Brings back what schema sync no longer makes, in the current tenant schema: retired
 * columns of live tables (a field removed from metadata, its data kept) and retired
 * tables (an entity removed, its rows kept), as a restore finds them in an archive.
 * They come back as the catalog had them, typed, with their stable ids; the live
 * columns and tables are schema sync's and are left alone. Returns what it added.
 */
export async function restoreRetired(trx: Knex.Transaction, archived: ArchivedTable): Promise<string[]> {
  if (!NAME.test(archived.name)) throw invalidInput(`The archive names a table "${archived.name}" the engine does not make`, [{ field: archived.name, message: 'not a table name' }]);
  const actual = (await introspectSchema(trx)).find((t) => t.name === archived.name);
  const added: string[] = [];
  const statements = [];
  if (!actual) {
    const system = new Map(SYSTEM_COLUMNS.map((c) => [c.name, c]));
    const columns = archived.columns.map((c) => system.get(c.name) ?? checked(archived.name, c));
    statements.push(...createTableSql({ name: archived.name, id: archived.id, columns, indexes: [], foreignKeys: [] }));
    added.push(archived.name);
  } else {
    const have = new Set(actual.columns.map((c) => c.name));
    for (const c of archived.columns.filter((x) => !have.has(x.name))) {
      statements.push(...addColumnSql(archived.name, checked(archived.name, c)));
      added.push(`${archived.name}.${c.name}`);
    }
  }
  for (const s of statements) await trx.raw(s.sql, [...s.bindings]);
  return added;
}
