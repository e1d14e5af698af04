import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { execScript } from '../../db/exec-script.js';
import { enterTenant, quoteIdent, type Tenant } from '../../db/tenant.js';

/*
 * Test support: a tenant made the way the engine made tenants before the tenant schema
 * ladder, with that code's DDL copied verbatim (createTenant's TENANT_TABLES, and the
 * workflow tables that ensureWorkflowTables made on a tenant's first request and the
 * plugin snapshot table made on its first plugin install). Frozen: never update it.
 */

const NEXT_NUMBER_FUNCTION = `create or replace function _next_number(p_entity text, p_field text) returns bigint language plpgsql volatile as $$
declare n bigint; begin perform pg_advisory_xact_lock(hashtextextended(current_schema() || '.' || p_entity || '.' || p_field, 0)); select coalesce(max(value), 0) + 1 into n from _counter_log where entity = p_entity and field = p_field; insert into _counter_log (entity, field, value) values (p_entity, p_field, n); return n; end
$$`;

const TENANT_FILES_TABLE = `create table _files (
    id uuid primary key,
    name text not null,
    type text not null,
    size integer not null,
    sha256 text not null,
    data bytea not null,
    created_by uuid,
    created_at timestamptz not null default now()
  )`;

const TENANT_SAVED_VIEWS_TABLE = `create table _saved_views (
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
  )`;

const TENANT_TABLES = `
  create table _history (
    id bigserial primary key,
    entity text not null,
    record_id uuid not null,
    action text not null,
    actor_id uuid,
    at timestamptz not null default now(),
    changes jsonb not null default '{}'
  );
  create index _history_record on _history (entity, record_id, id);
  create table _users (
    id uuid primary key,
    team text,
    active boolean not null default true
  );
  create index _users_team on _users (team);
  create table _counters (
    entity text not null,
    field text not null,
    value bigint not null default 0,
    primary key (entity, field)
  );
  create table _counter_log (
    entity text not null,
    field text not null,
    value bigint not null,
    primary key (entity, field, value)
  );
  ${NEXT_NUMBER_FUNCTION};
  ${TENANT_FILES_TABLE};
  ${TENANT_SAVED_VIEWS_TABLE};
`;

const WORKFLOW_TENANT_TABLES = `
  create table if not exists _wf_runs (
    id uuid primary key,
    workflow text not null,
    trigger text not null,
    entity text,
    record_id uuid,
    status text not null default 'pending',
    depth integer not null default 0,
    input jsonb not null default '{}',
    dedupe_key text unique,
    actor_id uuid,
    error jsonb,
    attempts integer not null default 0,
    lease_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz
  );
  create index if not exists _wf_runs_workflow on _wf_runs (workflow, id);
  create index if not exists _wf_runs_status on _wf_runs (status, id);
  create index if not exists _wf_runs_record on _wf_runs (record_id);
  create table if not exists _wf_outbox (
    id uuid primary key,
    run_id uuid not null,
    not_before timestamptz,
    created_at timestamptz not null default now()
  );
  create table if not exists _wf_steps (
    run_id uuid not null references _wf_runs (id) on delete cascade,
    seq integer not null,
    step_id text not null,
    type text not null,
    status text not null,
    input jsonb,
    output jsonb,
    error jsonb,
    next_step text,
    attempts integer not null default 1,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    primary key (run_id, seq)
  );
  create table if not exists _wf_state (
    key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now()
  );
  create table if not exists _notifications (
    id uuid primary key,
    user_id uuid not null,
    title text not null,
    body text,
    entity text,
    record_id uuid,
    run_id uuid,
    read_at timestamptz,
    created_at timestamptz not null default now()
  );
  create index if not exists _notifications_user on _notifications (user_id, id);
  create table if not exists _wf_approvals (
    id uuid primary key,
    run_id uuid not null references _wf_runs (id) on delete cascade,
    seq integer not null,
    step_id text not null,
    entity text,
    record_id uuid,
    approvers jsonb not null,
    mode text not null,
    required integer not null,
    status text not null default 'pending',
    escalate_at timestamptz,
    escalated_to jsonb,
    escalated_at timestamptz,
    created_at timestamptz not null default now(),
    decided_at timestamptz,
    unique (run_id, seq)
  );
  create index if not exists _wf_approvals_record on _wf_approvals (entity, record_id) where status = 'pending';
  create table if not exists _wf_votes (
    approval_id uuid not null references _wf_approvals (id) on delete cascade,
    user_id uuid not null,
    decision text not null,
    comment text,
    at timestamptz not null default now(),
    primary key (approval_id, user_id)
  );
`;

const PLUGIN_DOCUMENTS = `create table if not exists _plugin_documents (
    plugin text primary key,
    version text not null,
    manifest jsonb not null,
    documents jsonb not null,
    parked jsonb,
    saved_at timestamptz not null default now()
  )`;

/**
 * A tenant as the pre-ladder createTenant left it (its row has no recorded schema
 * version: the column's default, 0, as engine migration 008 gives such tenants).
 * `served`: it also got the workflow and plugin snapshot tables, as a tenant that had
 * requests and a plugin install did.
 */
export const createPreLadderTenant = async (knex: Knex, slug: string, opts: { served: boolean }): Promise<Tenant> =>
  knex.transaction(async (trx) => {
    const installId = (await trx('crm_system.settings').where({ key: 'install_id' }).first())?.value as string;
    const tenant: Tenant = { id: uuidv7(), slug, name: slug, schema: `t_${slug}`, role: `crm_${installId}_${slug}`, publishedVersion: 0, metaRevision: 0 };
    await trx.raw(`create role ${quoteIdent(tenant.role)} nologin`);
    const { rows } = await trx.raw(`select rolsuper from pg_roles where rolname = current_user`);
    if (!rows[0]?.rolsuper) await trx.raw(`grant ${quoteIdent(tenant.role)} to current_user`);
    await trx.raw(`create schema ${quoteIdent(tenant.schema)} authorization ${quoteIdent(tenant.role)}`);
    await trx('crm_system.tenants').insert({ id: tenant.id, slug, name: slug, schema_name: tenant.schema, role_name: tenant.role });
    await enterTenant(trx, tenant);
    await execScript(trx, TENANT_TABLES);
    if (opts.served) {
      await execScript(trx, WORKFLOW_TENANT_TABLES);
      await trx.raw(PLUGIN_DOCUMENTS);
    }
    return tenant;
  });
