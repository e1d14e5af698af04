import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

export const version = 10;
export const name = 'webhooks';
export const description = 'change webhook subscriptions (_webhooks) and their delivery log (_webhook_deliveries), used by core/webhooks; outbox rows may name a queue';

/**
 * - `_webhooks`: a tenant admin's subscription: the URL, the entities and events it wants,
 *   its signing secret, and its owner (whose read rights shape every event's record).
 * - `_webhook_deliveries`: one row per event and subscription, written in the record
 *   change's transaction; the worker keeps its status, attempts, last answer and error.
 * - `_wf_outbox` may carry a job for another queue than workflow runs (`queue`, `data`;
 *   `run_id` then null): a delivery is enqueued exactly like a run's wake-up, so the relay
 *   moves it into pg-boss only if the change committed.
 * Written `if not exists`, as a climb from version 0 runs every rung again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await execScript(
    trx,
    `
  create table if not exists _webhooks (
    id uuid primary key,
    url text not null,
    description text,
    entities text[] not null,
    events text[] not null,
    secret text not null,
    active boolean not null default true,
    owner_id uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create index if not exists _webhooks_entities on _webhooks using gin (entities);
  create table if not exists _webhook_deliveries (
    id uuid primary key,
    webhook_id uuid not null references _webhooks (id) on delete cascade,
    event text not null,
    entity text not null,
    record_id uuid not null,
    payload jsonb not null,
    status text not null default 'pending',
    attempts integer not null default 0,
    response_code integer,
    duration_ms integer,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    delivered_at timestamptz
  );
  create index if not exists _webhook_deliveries_hook on _webhook_deliveries (webhook_id, id desc);
  alter table _wf_outbox alter column run_id drop not null;
  alter table _wf_outbox add column if not exists queue text;
  alter table _wf_outbox add column if not exists data jsonb;
`,
  );
};
