import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

export const version = 1;
export const name = 'core-tables';
export const description = 'record history, the users mirror (id, team, active) and the auto-number counters';

/**
 * Names start with "_" so no entity can take them. `_users` mirrors the tenant's users
 * from crm_system so row scopes such as `team` stay one SQL predicate inside the walls.
 * Idempotent (`if not exists`), as are rungs 2–6: tenants made before the ladder already
 * have some or all of these and run them once to record their version.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await execScript(
    trx,
    `
  create table if not exists _history (
    id bigserial primary key,
    entity text not null,
    record_id uuid not null,
    action text not null,
    actor_id uuid,
    at timestamptz not null default now(),
    changes jsonb not null default '{}'
  );
  create index if not exists _history_record on _history (entity, record_id, id);
  create table if not exists _users (
    id uuid primary key,
    team text,
    active boolean not null default true
  );
  create index if not exists _users_team on _users (team);
  create table if not exists _counters (
    entity text not null,
    field text not null,
    value bigint not null default 0,
    primary key (entity, field)
  );
`,
  );
};
