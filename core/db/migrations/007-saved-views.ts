import type { Knex } from 'knex';
import { TENANT_SAVED_VIEWS_TABLE } from '../tenant.js';

/** Tenants made before `_saved_views` existed get it. */
export const up = async (knex: Knex): Promise<void> => {
  const tenants: { schema_name: string; role_name: string }[] = await knex('crm_system.tenants').select('schema_name', 'role_name');
  for (const t of tenants) {
    await knex.raw(`select set_config('role', ?, true), set_config('search_path', ?, true)`, [t.role_name, `"${t.schema_name.replace(/"/g, '""')}"`]);
    await knex.raw(TENANT_SAVED_VIEWS_TABLE.replace('create table', 'create table if not exists'));
    await knex.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
  }
};
