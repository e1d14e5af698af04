import type { Knex } from 'knex';

export const version = 22;
export const name = 'mail-bulk-index';
export const description = "an index on a bulk send's messages by state, so each send finds its next queued message without reading the mailbox";

/**
 * A bulk send takes its next queued message with `where bulk_id = ? and status = 'queued'
 * order by id limit 1 for update skip locked` (core/mail/bulk-message.ts), once per message:
 * without this index every take read the whole `_mail_messages` table, so a send of n
 * messages cost n² rows. Partial: only bulk messages are indexed.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('create index if not exists _mail_messages_bulk_state on _mail_messages (bulk_id, status, id) where bulk_id is not null');
};
