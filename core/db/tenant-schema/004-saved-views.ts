import type { Knex } from 'knex';

export const version = 4;
export const name = 'saved-views';
export const description = "saved list views (_saved_views): each user's own and the ones shared with everyone; used by core/views";

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _saved_views (
    id uuid primary key,
    owner_id uuid not null,
    entity text not null,
    name text not null,
    definition jsonb not null,
    shared boolean not null default false,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (owner_id, entity, name)
  )`);
};
