import type { Knex } from 'knex';

/** Tenants made before `_users` existed get it, filled from crm_system.users. */
export const up = async (knex: Knex): Promise<void> => {
  const tenants: { id: string; schema_name: string }[] = await knex('crm_system.tenants').select('id', 'schema_name');
  for (const t of tenants) {
    const schema = `"${t.schema_name.replace(/"/g, '""')}"`;
    await knex.raw(`create table if not exists ${schema}._users (id uuid primary key, team text, active boolean not null default true)`);
    await knex.raw(`create index if not exists _users_team on ${schema}._users (team)`);
    await knex.raw(`insert into ${schema}._users (id, team, active) select id, team, active from crm_system.users where tenant_id = ? on conflict (id) do nothing`, [t.id]);
  }
};
