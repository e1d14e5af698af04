import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped' | 'received' | 'unparsed';

/** A record a message concerns. */
export interface MailLink {
  entity: string;
  id: string;
}

export interface MailAttachment {
  file: string;
  name: string;
  type: string;
  size: number;
}

/** One stored message, out or in. */
export interface NewMessage {
  direction: 'out' | 'in';
  status: MailStatus;
  mailbox?: string | null;
  from?: { address: string | null; name?: string | null };
  to: string[];
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  attachments?: MailAttachment[];
  raw?: Buffer | null;
  problem?: string | null;
  bulkId?: string | null;
  createdBy?: string | null;
  links?: MailLink[];
  /** Set when known (a message's id must exist before its attachments are stored). */
  id?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The thread a message joins: that of the newest stored message it replies to or references, else a new one. */
const threadOf = async (db: Knex, m: NewMessage, id: string): Promise<string> => {
  const ids = [...new Set([m.inReplyTo, ...(m.references ?? [])].filter((v): v is string => Boolean(v)))].slice(0, 100);
  if (!ids.length) return id;
  const row = await db('_mail_messages').whereIn('message_id', ids).orderBy('created_at', 'desc').first('thread_id');
  return row?.thread_id ?? id;
};

/** Stores a message and its links in the caller's tenant transaction; answers its id and thread. */
export const storeMessage = async (db: Knex, m: NewMessage): Promise<{ id: string; threadId: string }> => {
  const id = m.id ?? uuidv7();
  const threadId = await threadOf(db, m, id);
  await db('_mail_messages').insert({
    id,
    direction: m.direction,
    status: m.status,
    mailbox: m.mailbox ?? null,
    from_address: m.from?.address ?? null,
    from_name: m.from?.name ?? null,
    to_addresses: JSON.stringify(m.to),
    subject: m.subject ?? null,
    text_body: m.text ?? null,
    html_body: m.html ?? null,
    message_id: m.messageId ?? null,
    in_reply_to: m.inReplyTo ?? null,
    refs: JSON.stringify(m.references ?? []),
    thread_id: threadId,
    attachments: JSON.stringify(m.attachments ?? []),
    raw: m.raw ?? null,
    problem: m.problem ?? null,
    bulk_id: m.bulkId ?? null,
    created_by: m.createdBy && UUID.test(m.createdBy) ? m.createdBy : null,
  });
  const links = (m.links ?? []).filter((l) => UUID.test(l.id));
  if (links.length) await db('_mail_links').insert(links.map((l) => ({ message: id, entity: l.entity, record_id: l.id }))).onConflict(['message', 'entity', 'record_id']).ignore();
  return { id, threadId };
};
