import type { Knex } from 'knex';

export const version = 21;
export const name = 'recent-views';
export const description = "the records each user opened last, across entities (_recent_views), for the home page's 'recently viewed'";

/**
 * `_recent_views`: one row per user and record, `viewed_at` moved forward on each visit; the
 * engine keeps each user's newest rows only (see core/records/recent-views.ts). Rows name no
 * title: titles are read under the user's rights when the list is asked for.
 * `if not exists`, as a climb from an earlier recorded version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _recent_views (
    user_id uuid not null,
    entity text not null,
    record_id uuid not null,
    viewed_at timestamptz not null default now(),
    primary key (user_id, entity, record_id)
  )`);
  await trx.raw('create index if not exists _recent_views_user_time on _recent_views (user_id, viewed_at desc)');
};
