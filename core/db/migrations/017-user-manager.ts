import type { Knex } from 'knex';

/**
 * A person's manager (another user of the same tenant), for the manager hierarchy of the
 * row scopes. No foreign key: a tenant archive loads users in any order, and the user
 * service checks the manager (same tenant, no cycle) when it is set.
 */
export const up = async (knex: Knex): Promise<void> => {
  await knex.raw('alter table crm_system.users add column if not exists manager_id uuid');
};
