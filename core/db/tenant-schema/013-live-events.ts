import type { Knex } from 'knex';

export const version = 13;
export const name = 'live-events';
export const description = 'the live events of the last minutes (_events) that GET /api/events streams and replays; used by core/events';

/**
 * `_events`: one row per event (a record change, a notification, an approval request, a
 * plugin's event) with its topic, audience and data. `seq` is the delivery order: a
 * deferred constraint trigger gives it at COMMIT, under a transaction-level advisory lock
 * of the tenant's events, so seq order is commit order and a client resuming after seq N
 * misses nothing (a plain serial would let a later id commit before an earlier one). The
 * same trigger sends NOTIFY `crm_events` with the schema name, delivered on commit only.
 * `_events_horizon.seq`: the highest seq swept away; a resume from below it is told to reload.
 * Written `if not exists`, as a climb from version 0 runs every rung again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _events (
    id bigserial primary key,
    seq bigint unique,
    at timestamptz not null default now(),
    topic text not null,
    audience jsonb not null,
    data jsonb not null default '{}'::jsonb
  )`);
  await trx.raw('create index if not exists _events_at on _events (at)');
  await trx.raw('create sequence if not exists _events_seq');
  await trx.raw(`create table if not exists _events_horizon (
    one boolean primary key default true check (one),
    seq bigint not null default 0
  )`);
  await trx.raw('insert into _events_horizon (one, seq) values (true, 0) on conflict do nothing');
  await trx.raw(`create or replace function _events_commit() returns trigger language plpgsql as $fn$
begin
  perform pg_advisory_xact_lock(hashtextextended(tg_table_schema || '._events', 0));
  execute format('update %I._events set seq = nextval(%L), at = clock_timestamp() where id = $1', tg_table_schema, quote_ident(tg_table_schema) || '._events_seq') using new.id;
  perform pg_notify('crm_events', tg_table_schema);
  return null;
end
$fn$`);
  await trx.raw('drop trigger if exists _events_commit on _events');
  await trx.raw('create constraint trigger _events_commit after insert on _events deferrable initially deferred for each row execute function _events_commit()');
};
