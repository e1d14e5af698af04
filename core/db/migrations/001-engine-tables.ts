import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/** The engine's own tables in schema crm_system: tenants, people, sessions, metadata. */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table crm_system.settings (
      key text primary key,
      value jsonb not null
    );
    create table crm_system.tenants (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      schema_name text not null unique,
      role_name text not null unique,
      status text not null default 'active',
      published_version integer not null default 0,
      meta_revision bigint not null default 0,
      created_at timestamptz not null default now()
    );
    create table crm_system.users (
      id uuid primary key,
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      email text not null,
      name text not null,
      password_hash text,
      is_admin boolean not null default false,
      roles text[] not null default '{}',
      team text,
      locale text not null default 'en',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_tenant_email on crm_system.users (tenant_id, lower(email));
    create table crm_system.sessions (
      id text primary key,
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      user_id uuid not null references crm_system.users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    );
    create index sessions_user on crm_system.sessions (user_id);
    create table crm_system.api_keys (
      id uuid primary key,
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      user_id uuid not null references crm_system.users(id) on delete cascade,
      name text not null,
      prefix text not null,
      key_hash text not null unique,
      scopes text[] not null default '{}',
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create table crm_system.metadata_documents (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      kind text not null,
      name text not null,
      doc jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      primary key (tenant_id, kind, name)
    );
    create table crm_system.metadata_versions (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      version integer not null,
      author_id uuid,
      author_name text,
      created_at timestamptz not null default now(),
      message text,
      diff jsonb not null,
      snapshot jsonb not null,
      published_at timestamptz,
      primary key (tenant_id, version)
    );
    create table crm_system.plugin_installs (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      plugin text not null,
      version text not null,
      status text not null default 'installed',
      installed_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, plugin)
    );
    create table crm_system.audit_log (
      id bigserial primary key,
      tenant_id uuid references crm_system.tenants(id) on delete cascade,
      actor_id uuid,
      action text not null,
      target text,
      details jsonb not null default '{}',
      at timestamptz not null default now()
    );
    create index audit_log_tenant_at on crm_system.audit_log (tenant_id, at desc);
  `,
  );
};
