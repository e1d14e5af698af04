import type { Knex } from 'knex';

export const version = 17;
export const name = 'user-managers';
export const description = "each user's manager in the users mirror (_users.manager), read by the manager-hierarchy row scopes of core/security";

/**
 * `_users.manager`: the user's manager (a user id), mirrored from crm_system.users like the
 * team, so "the records my reports own, transitively" stays one recursive SQL predicate
 * inside the tenant's walls. Indexed for the walk down the hierarchy. `if not exists`, as a
 * climb from an earlier recorded version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('alter table _users add column if not exists manager uuid');
  await trx.raw('create index if not exists _users_manager on _users (manager)');
};
