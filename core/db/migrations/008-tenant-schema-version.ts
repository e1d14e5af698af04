import type { Knex } from 'knex';

/**
 * Tenant-internal tables are made by the tenant schema ladder (core/db/tenant-schema) from
 * here on; each tenant records the last rung it has. Tenants made before the ladder start
 * at 0 and climb its idempotent first rungs once (server start or `crm migrate`), which
 * recognises the tables they have and adds the ones they lack.
 */
export const up = async (knex: Knex): Promise<void> => {
  await knex.raw('alter table crm_system.tenants add column if not exists schema_version integer not null default 0');
};
