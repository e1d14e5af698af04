import type { Knex } from 'knex';

export const version = 3;
export const name = 'files';
export const description = 'uploaded files of attachment fields (_files), read and written by core/files';

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _files (
    id uuid primary key,
    name text not null,
    type text not null,
    size integer not null,
    sha256 text not null,
    data bytea not null,
    created_by uuid,
    created_at timestamptz not null default now()
  )`);
};
