import type { Knex } from 'knex';

export const version = 2;
export const name = 'counter-log';
export const description = 'gap-free auto-numbers: _counter_log and _next_number(), continuing from _counters';

/**
 * The next number of an auto-number counter: an advisory lock per counter held to the
 * end of the transaction serialises the callers, and each number is a new row of
 * `_counter_log` (insert only, so a long import does not walk an ever longer chain of row
 * versions; a rollback takes its numbers back). One round trip per number.
 */
const NEXT_NUMBER_FUNCTION = `create or replace function _next_number(p_entity text, p_field text) returns bigint language plpgsql volatile as $$
declare n bigint; begin perform pg_advisory_xact_lock(hashtextextended(current_schema() || '.' || p_entity || '.' || p_field, 0)); select coalesce(max(value), 0) + 1 into n from _counter_log where entity = p_entity and field = p_field; insert into _counter_log (entity, field, value) values (p_entity, p_field, n); return n; end
$$`;

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _counter_log (
    entity text not null,
    field text not null,
    value bigint not null,
    primary key (entity, field, value)
  )`);
  await trx.raw(NEXT_NUMBER_FUNCTION);
  await trx.raw(`insert into _counter_log (entity, field, value) select entity, field, value from _counters where value > 0 on conflict do nothing`);
};
