import type { Knex } from 'knex';

export const version = 9;
export const name = 'idempotency-keys';
export const description = 'stored answers of requests sent with an Idempotency-Key (_idempotency_keys), per user and key, kept 24 h; used by core/idempotency';

/**
 * One row per (user, key): the hash of the request that claimed it, and once it finished
 * its answer (status, body, a few headers). `status` is null while the first request runs.
 * Rows past `expires_at` are swept by the hourly maintenance job. Written `if not exists`, as a
 * climb from version 0 (a database whose recorded versions were lost) runs every rung again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _idempotency_keys (
    user_id text not null,
    key text not null,
    request_hash text not null,
    status integer,
    body jsonb,
    headers jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    primary key (user_id, key)
  )`);
  await trx.raw('create index if not exists _idempotency_keys_expires on _idempotency_keys (expires_at)');
};
