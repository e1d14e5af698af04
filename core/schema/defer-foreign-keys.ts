import type { Knex } from 'knex';

const FOREIGN_KEYS = `
  select c.relname as table_name, k.conname as name
  from pg_constraint k join pg_class c on c.oid = k.conrelid
  where k.contype = 'f' and not k.condeferrable and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
  order by c.relname, k.conname`;

/**
 * Makes the current tenant schema's foreign keys checked at the end instead of per row,
 * so rows that point at each other (in any order, or in a cycle) can be loaded as they
 * are. The returned function checks them all and makes them immediate again, as schema
 * sync made them; a row pointing at nothing then fails the caller's transaction.
 */
export async function deferForeignKeys(trx: Knex.Transaction): Promise<() => Promise<void>> {
  const keys = (await trx.raw(FOREIGN_KEYS)).rows as { table_name: string; name: string }[];
  for (const k of keys) await trx.raw('alter table ?? alter constraint ?? deferrable initially deferred', [k.table_name, k.name]);
  return async () => {
    await trx.raw('set constraints all immediate');
    for (const k of keys) await trx.raw('alter table ?? alter constraint ?? not deferrable', [k.table_name, k.name]);
  };
}
