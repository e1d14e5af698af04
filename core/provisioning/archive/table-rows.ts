import type { Knex } from 'knex';
import { quoteIdent } from '../../db/tenant.js';
import type { ArchiveColumn, ArchiveRow } from './format.js';

/** `crm_system.users` or a table of the current schema, quoted for to_regclass. */
const regclass = (table: string): string => table.split('.').map(quoteIdent).join('.');

const COLUMNS = `
  select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, col_description(a.attrelid, a.attnum) as comment
  from pg_attribute a where a.attrelid = to_regclass(?) and a.attnum > 0 and not a.attisdropped order by a.attnum`;

const PRIMARY_KEY = `
  select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
  where i.indrelid = to_regclass(?) and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`;

const idOf = (comment: string | null): string | undefined => {
  try {
    const id = comment ? (JSON.parse(comment) as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** The table's columns in table order, with catalog types and stable ids from comments. */
export const tableColumns = async (trx: Knex.Transaction, table: string): Promise<ArchiveColumn[]> =>
  ((await trx.raw(COLUMNS, [regclass(table)])).rows as { name: string; type: string; comment: string | null }[]).map((c) => {
    const id = idOf(c.comment);
    return id ? { name: c.name, type: c.type, id } : { name: c.name, type: c.type };
  });

const primaryKey = async (trx: Knex.Transaction, table: string): Promise<string[]> =>
  ((await trx.raw(PRIMARY_KEY, [regclass(table)])).rows as { name: string }[]).map((r) => r.name);

export interface TableScan {
  table: string;
  columns: ArchiveColumn[];
  /** Only rows with this value in `column` (the tenant's rows of an engine table). */
  where?: { column: string; value: string };
  /** Rows per page: smaller for tables holding file contents. */
  pageSize?: number;
}

export const countRows = async (trx: Knex.Transaction, scan: Pick<TableScan, 'table' | 'where'>): Promise<number> => {
  const q = trx(scan.table).count({ n: '*' });
  if (scan.where) q.where(scan.where.column, scan.where.value);
  return Number((await q.first())?.n ?? 0);
};

/**
 * Every row of the table as text values in column order, a page at a time in primary key
 * order (keyset paging, so a page costs the same at any depth and the table is never
 * held whole in memory). Tables without a primary key page by row position.
 */
export async function* tableRows(trx: Knex.Transaction, scan: TableScan): AsyncGenerator<ArchiveRow[]> {
  const key = (await primaryKey(trx, scan.table)).filter((k) => k !== scan.where?.column);
  const keyCols = key.length ? key : ['ctid'];
  const keyTypes = key.length ? key.map((k) => scan.columns.find((c) => c.name === k)!.type) : ['tid'];
  const select = [...scan.columns.map((c, i) => `??::text as c${i}`), ...keyCols.map((_, i) => `??::text as k${i}`)].join(', ');
  const selectBindings = [...scan.columns.map((c) => c.name), ...keyCols];
  const size = scan.pageSize ?? 500;
  let after: string[] | undefined;
  for (;;) {
    const where: string[] = [];
    const bindings: string[] = [scan.table];
    if (scan.where) {
      where.push('?? = ?');
      bindings.push(scan.where.column, scan.where.value);
    }
    if (after) {
      where.push(`(${keyCols.map(() => '??').join(', ')}) > (${keyTypes.map((t) => `?::text::${t}`).join(', ')})`);
      bindings.push(...keyCols, ...after);
    }
    const sql = `select ${select} from ??${where.length ? ` where ${where.join(' and ')}` : ''} order by ${keyCols.map(() => '??').join(', ')} limit ${size}`;
    const rows = (await trx.raw(sql, [...selectBindings, ...bindings, ...keyCols])).rows as Record<string, string | null>[];
    if (!rows.length) return;
    yield rows.map((r) => scan.columns.map((_, i) => r[`c${i}`] ?? null));
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = keyCols.map((_, i) => last[`k${i}`] as string);
  }
}
