import type { Knex } from 'knex';

export const version = 14;
export const name = 'record-changes';
export const description = 'the last change of every record in commit order (_changes), which GET /api/sync/changes pages through; used by core/sync';

/**
 * `_changes`: one row per record that ever changed, holding the commit-order number of its
 * latest change. The number is the live event's `seq`: rung 13's commit trigger gives each
 * `record.changed` event its seq at COMMIT under the tenant's events lock, and now also
 * upserts the record's row here with that seq. So `seq > cursor` in seq order is every
 * record changed since the cursor, in commit order, each once, with nothing committed
 * later slipping in below a cursor already handed out. Unlike `_events` (minutes), the
 * rows stay: an offline device may come back after days.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _changes (
    entity text not null,
    record_id uuid not null,
    seq bigint not null,
    primary key (entity, record_id)
  )`);
  await trx.raw('create index if not exists _changes_seq on _changes (seq)');
  await trx.raw(`create or replace function _events_commit() returns trigger language plpgsql as $fn$
declare
  s bigint;
begin
  perform pg_advisory_xact_lock(hashtextextended(tg_table_schema || '._events', 0));
  execute format('update %I._events set seq = nextval(%L), at = clock_timestamp() where id = $1 returning seq', tg_table_schema, quote_ident(tg_table_schema) || '._events_seq') into s using new.id;
  if new.topic = 'record.changed' then
    execute format('insert into %I._changes (entity, record_id, seq) values ($1, $2::uuid, $3) on conflict (entity, record_id) do update set seq = excluded.seq', tg_table_schema)
      using new.data->>'entity', new.data->>'id', s;
  end if;
  perform pg_notify('crm_events', tg_table_schema);
  return null;
end
$fn$`);
};
