import type { Knex } from 'knex';

export const version = 6;
export const name = 'plugin-documents';
export const description = 'the documents of each plugin as the tenant installed it (_plugin_documents), used by core/plugins';

/** Idempotent: before the ladder the table was made on a tenant's first plugin install. */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _plugin_documents (
    plugin text primary key,
    version text not null,
    manifest jsonb not null,
    documents jsonb not null,
    parked jsonb,
    saved_at timestamptz not null default now()
  )`);
};
