import type { Knex } from 'knex';

export const version = 15;
export const name = 'record-shares';
export const description = 'shares of single records with a user or a team (_shares), read by the row scopes of core/security; used by core/records';

/**
 * `_shares`: one row per record shared with one user (`user_id`) or one team (`team_id`,
 * the team record's id), for reading or editing. A share widens the row scope of that
 * record only; the row scopes look it up by (entity, record_id), hence the index. One share
 * per record and target (the unique indexes; a second share changes the access).
 * Written `if not exists`, as a climb from version 0 runs every rung again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _shares (
    id uuid primary key,
    entity text not null,
    record_id uuid not null,
    user_id uuid,
    team_id uuid,
    access text not null check (access in ('read', 'edit')),
    created_by uuid,
    created_at timestamptz not null default now(),
    check ((user_id is null) <> (team_id is null))
  )`);
  await trx.raw('create index if not exists _shares_record on _shares (entity, record_id)');
  await trx.raw('create unique index if not exists _shares_user on _shares (entity, record_id, user_id) where user_id is not null');
  await trx.raw('create unique index if not exists _shares_team on _shares (entity, record_id, team_id) where team_id is not null');
};
