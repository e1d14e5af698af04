import type { Knex } from 'knex';

/** Serialises schema changes of one tenant until the transaction ends. */
export const lockSchema = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('select pg_advisory_xact_lock(7310002, hashtext(current_schema()))');
};
