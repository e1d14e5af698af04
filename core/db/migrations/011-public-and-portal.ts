import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * A tenant's switch for its public endpoints (/api/public/<tenant>/…), and people outside
 * the company: portal users are a table of their own, not a kind of user, with sessions of
 * their own, so no portal sign-in can ever resolve on a staff route. Each is linked to one
 * record (`linked_entity`, `linked_id`) and holds one portal role. `portal_tokens` are the
 * single-use links (invitation, password reset), stored as digests.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    alter table crm_system.tenants add column public_enabled boolean not null default true;
    create table crm_system.portal_users (
      id uuid primary key,
      tenant_id uuid not null references crm_system.tenants (id) on delete cascade,
      email text not null,
      name text not null,
      password_hash text,
      role text not null,
      linked_entity text not null,
      linked_id uuid not null,
      active boolean not null default true,
      created_by uuid,
      created_at timestamptz not null default now()
    );
    create unique index portal_users_email on crm_system.portal_users (tenant_id, lower(email));
    create table crm_system.portal_sessions (
      token_hash text primary key,
      portal_user_id uuid not null references crm_system.portal_users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index portal_sessions_user on crm_system.portal_sessions (portal_user_id);
    create table crm_system.portal_tokens (
      token_hash text primary key,
      portal_user_id uuid not null references crm_system.portal_users (id) on delete cascade,
      purpose text not null check (purpose in ('invitation', 'reset')),
      expires_at timestamptz not null,
      used_at timestamptz
    );
  `,
  );
};
