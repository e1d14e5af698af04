import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * Password resets of staff users: single-use links stored as digests (as the portal's
 * links are), each expiring; `created_at` lets the engine count the requests per address.
 * Tokens stay behind when a tenant moves (like sessions).
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table crm_system.password_reset_tokens (
      token_hash text primary key,
      user_id uuid not null references crm_system.users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index password_reset_tokens_user on crm_system.password_reset_tokens (user_id, created_at);
  `,
  );
};
