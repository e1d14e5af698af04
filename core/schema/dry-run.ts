import type { Knex } from 'knex';
import type { Conversion } from './conversion.js';

const count = async (trx: Knex.Transaction, sql: string, bindings: readonly string[]): Promise<number> => {
  const { rows } = await trx.raw(sql, bindings as string[]);
  return Number(rows[0].n);
};

const CONVERTS_FN = `
create function pg_temp.crm_converts(v text, src text, expr text) returns boolean language plpgsql as $fn$
begin
  execute format('select %s from (select $1::%s as c) s', expr, src) using v;
  return true;
exception when others then
  return false;
end
$fn$`;

/**
 * How many rows of a column would fail to convert. First the whole cast is tried in a
 * savepoint (fast when every row converts); if it fails, each value is tried in a
 * temporary plpgsql function (PostgreSQL 15 has no pg_input_is_valid), dropped again.
 */
export const countNotConverting = async (
  trx: Knex.Transaction,
  target: { table: string; column: string; from: string },
  conversion: Conversion,
): Promise<number> => {
  const columnRefs = Array<string>(conversion.columnRefs).fill(target.column);
  try {
    await trx.transaction((sp) => sp.raw(`select count(${conversion.using}) as n from ??`, [...columnRefs, target.table]));
    return 0;
  } catch {
    // some rows do not convert: count them one by one below
  }
  await trx.raw(CONVERTS_FN);
  try {
    const expr = conversion.using.replaceAll('??', 'c');
    return await count(trx, `select count(*) as n from ?? where ?? is not null and not pg_temp.crm_converts(??::text, ?, ?)`, [
      target.table,
      target.column,
      target.column,
      target.from,
      expr,
    ]);
  } finally {
    await trx.raw('drop function pg_temp.crm_converts(text, text, text)');
  }
};

/** How many values occur more than once (so a unique index would fail). */
export const countDuplicates = async (
  trx: Knex.Transaction,
  target: { table: string; column: string; liveRowsOnly: boolean },
): Promise<number> =>
  count(
    trx,
    `select count(*) as n from (select 1 from ?? where ?? is not null${target.liveRowsOnly ? ' and deleted_at is null' : ''} group by ?? having count(*) > 1) d`,
    [target.table, target.column, target.column],
  );

/** How many values point at no row of the referenced table (so a foreign key would fail). */
export const countNotMatching = async (
  trx: Knex.Transaction,
  target: { table: string; column: string; refTable?: string },
): Promise<number> => {
  if (!target.refTable) return count(trx, `select count(??) as n from ??`, [target.column, target.table]);
  return count(
    trx,
    `select count(*) as n from ?? t where t.?? is not null and not exists (select 1 from ?? r where r.id::text = t.??::text)`,
    [target.table, target.column, target.refTable, target.column],
  );
};
