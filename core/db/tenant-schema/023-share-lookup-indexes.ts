import type { Knex } from 'knex';

export const version = 23;
export const name = 'share-lookup-indexes';
export const description = 'indexes on the share table by who a share is for, so an own-scoped list finds the records shared with a user or team without reading every share';

/**
 * An own-scoped list's predicate asks "shared with me or my teams" (core/security/access):
 * `_shares` was indexed by record only, so every list read every share row of the entity.
 * These serve the per-user and per-team look-ups (measured in bench/, scenario shared-list).
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('create index if not exists _shares_for_user on _shares (entity, user_id, record_id) where user_id is not null');
  await trx.raw('create index if not exists _shares_for_team on _shares (entity, team_id, record_id) where team_id is not null');
};
