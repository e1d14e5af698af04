import type { Knex } from 'knex';
import { JOBS_SCHEMA } from './queue-names.js';

export interface QueueDepth {
  queue: string;
  /** Jobs created or waiting to be retried. */
  waiting: number;
  /** Age of the oldest of them, in seconds (0 when none wait). */
  oldestSeconds: number;
}

/**
 * How many jobs wait in each queue and how long the oldest has waited: one grouped count
 * on pg-boss's job table (its partial index covers waiting jobs). Empty before any worker
 * made the queue's schema.
 */
export const queueDepths = async (knex: Knex): Promise<QueueDepth[]> => {
  const made = await knex.raw(`select to_regclass(?) is not null as made`, [`${JOBS_SCHEMA}.job`]);
  if (!made.rows[0]?.made) return [];
  const { rows } = await knex.raw(
    `select name, count(*)::int as waiting, coalesce(extract(epoch from now() - min(created_on)), 0)::float8 as oldest
       from ${JOBS_SCHEMA}.job where state < 'active' group by name`,
  );
  return (rows as { name: string; waiting: number; oldest: number }[]).map((r) => ({ queue: r.name, waiting: Number(r.waiting), oldestSeconds: Number(r.oldest) }));
};
