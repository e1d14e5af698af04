/**
 * The workflow tables inside each tenant schema, created as the tenant's role so they sit
 * behind the tenant's wall like its records. A step's database effect, its journal row
 * and the wake-up events it causes commit in one tenant transaction.
 *
 * - `_wf_runs`: one row per run (its trigger input, status, depth, lease, dedupe key).
 * - `_wf_outbox`: "wake run X (not before T)", written in the same transaction as the
 *   change that causes it; the relay moves rows into the job queue.
 * - `_wf_steps`: the step journal, keyed by run and position in the run's path; `measures`
 *   holds what a step cost beside its output (a script's CPU and wall time, host calls).
 * - `_wf_state`: small cursors (round-robin position, last cron fire, webhook secrets).
 * - `_notifications`: in-app notifications per user.
 * - `_wf_approvals`, `_wf_votes`: pending approvals and who decided what.
 * Every statement is idempotent (`if not exists`).
 */
export const WORKFLOW_TENANT_TABLES = `
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
    measures jsonb,
    primary key (run_id, seq)
  );
  alter table _wf_steps add column if not exists measures jsonb;
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

/** The table created last: when it exists, all do. */
export const LAST_WORKFLOW_TABLE = '_wf_votes';

/**
 * True when the tenant's workflow tables are complete: the last table exists and the
 * latest column added to an older table is there (tables made before it get it then).
 */
export const WORKFLOW_TABLES_READY = `select to_regclass('${LAST_WORKFLOW_TABLE}') is not null
  and exists (select 1 from pg_attribute where attrelid = to_regclass('_wf_steps') and attname = 'measures' and not attisdropped) as present`;
