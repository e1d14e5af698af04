import type { Knex } from 'knex';

/** A small cursor in the tenant's `_wf_state` (last cron fire, round-robin position, secrets). */
export const readState = async <T>(db: Knex.Transaction, key: string): Promise<T | undefined> =>
  (await db('_wf_state').where({ key }).first('value'))?.value as T | undefined;

export const writeState = async (db: Knex.Transaction, key: string, value: unknown): Promise<void> => {
  await db.raw(`insert into _wf_state (key, value) values (?, ?::jsonb) on conflict (key) do update set value = excluded.value, updated_at = now()`, [key, JSON.stringify(value)]);
};

/** Reads a cursor locked until the transaction ends (two ticks or assignments take turns). */
export const lockState = async <T>(db: Knex.Transaction, key: string, initial: T): Promise<T> => {
  await db.raw(`insert into _wf_state (key, value) values (?, ?::jsonb) on conflict (key) do nothing`, [key, JSON.stringify(initial)]);
  return (await db('_wf_state').where({ key }).forUpdate().first('value')).value as T;
};
