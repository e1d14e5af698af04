import type { Knex } from 'knex';
import { NEXT_NUMBER_FUNCTION } from '../tenant.js';

/** Tenants made before `_counter_log` get it and `_next_number`, continuing from their `_counters`. */
export const up = async (knex: Knex): Promise<void> => {
  const tenants: { schema_name: string; role_name: string }[] = await knex('crm_system.tenants').select('schema_name', 'role_name');
  for (const t of tenants) {
    const schema = `"${t.schema_name.replace(/"/g, '""')}"`;
    await knex.raw(`select set_config('role', ?, true), set_config('search_path', ?, true)`, [t.role_name, schema]);
    await knex.raw(`create table if not exists _counter_log (entity text not null, field text not null, value bigint not null, primary key (entity, field, value))`);
    await knex.raw(NEXT_NUMBER_FUNCTION);
    await knex.raw(`insert into _counter_log (entity, field, value) select entity, field, value from _counters where value > 0 on conflict do nothing`);
    await knex.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
  }
};
