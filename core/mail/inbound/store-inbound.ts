import { v7 as uuidv7 } from 'uuid';
import { storeOwnedFile } from '../../files/index.js';
import { getRecord, type RecordContext } from '../../records/index.js';
import { storeMessage, type MailAttachment } from '../messages.js';
import { sanitizeHtml } from '../sanitize.js';
import { contactEntityOf, recordsByAddress } from './link-sender.js';
import { parseInbound } from './parse-message.js';

/** At most this many attachments of one message are stored; the rest are named in its problem. */
export const MAX_INBOUND_ATTACHMENTS = 20;

export interface InboundDelivery {
  raw: Buffer;
  /** The part of the recipient address before @. */
  mailbox: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

/** What a workflow started by the message sees as `$payload`. */
export interface ReceivedMail {
  id: string;
  threadId: string;
  status: 'received' | 'unparsed';
  /** The mailbox already holds a message with this Message-ID (a sender's retry): nothing new was stored. */
  duplicate?: boolean;
  mailbox: string;
  from: { address: string | null; name: string | null };
  to: string[];
  subject: string | null;
  text: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  attachments: MailAttachment[];
  links: { entity: string; id: string }[];
  /** The record of the declared contact entity whose e-mail is the sender's, if one. */
  contact: Record<string, unknown> | null;
}

/** How many messages the tenant received in the last hour (the per-tenant limit's count). */
export const receivedInLastHour = async (db: RecordContext['db']): Promise<number> => {
  const row = await db('_mail_messages').where('direction', 'in').where('created_at', '>', db.raw("now() - interval '1 hour'")).count<{ n: string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
};

/**
 * Stores a received message in the tenant: parsed parts (HTML sanitised), attachments in
 * `_files`, the thread it joins (Message-ID / In-Reply-To / References) and the records
 * whose e-mail fields hold the sender. A message that cannot be parsed is stored raw with
 * status `unparsed` and the reason — never dropped. A Message-ID the mailbox already holds
 * (the sender retrying after a failure) is not stored twice.
 */
export const storeInbound = async (input: InboundDelivery, ctx: RecordContext): Promise<ReceivedMail> => {
  const parsed = await parseInbound(input.raw);
  const id = uuidv7();
  const base = { id, direction: 'in' as const, mailbox: input.mailbox };
  if (!parsed.ok) {
    const from = { address: input.envelopeFrom, name: null };
    const stored = await storeMessage(ctx.db, { ...base, status: 'unparsed', from, to: input.envelopeTo, raw: input.raw, problem: parsed.problem });
    return { id, threadId: stored.threadId, status: 'unparsed', mailbox: input.mailbox, from, to: input.envelopeTo, subject: null, text: null, messageId: null, inReplyTo: null, attachments: [], links: [], contact: null };
  }
  const m = parsed.message;
  const seen = m.messageId ? await ctx.db('_mail_messages').where({ direction: 'in', mailbox: input.mailbox, message_id: m.messageId }).first('id', 'thread_id') : undefined;
  if (seen) {
    return { id: seen.id, threadId: seen.thread_id, status: 'received', duplicate: true, mailbox: input.mailbox, from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, inReplyTo: m.inReplyTo, attachments: [], links: [], contact: null };
  }
  const from = { address: m.from.address ?? input.envelopeFrom?.toLowerCase() ?? null, name: m.from.name };
  const attachments: MailAttachment[] = [];
  for (const a of m.attachments.slice(0, MAX_INBOUND_ATTACHMENTS)) {
    const f = await storeOwnedFile(ctx.db, a, { entity: '_mail', field: 'attachments', recordId: id });
    attachments.push({ file: f.id, name: f.name, type: f.type, size: f.size });
  }
  const dropped = m.attachments.length - attachments.length;
  const links = from.address ? await recordsByAddress(ctx.db, ctx.meta, from.address) : [];
  const to = m.to.length ? m.to : input.envelopeTo;
  const stored = await storeMessage(ctx.db, {
    ...base,
    status: 'received',
    from,
    to,
    subject: m.subject,
    text: m.text,
    html: m.html === null ? null : sanitizeHtml(m.html),
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    attachments,
    problem: dropped > 0 ? `${dropped} attachments over the limit of ${MAX_INBOUND_ATTACHMENTS} were not kept` : null,
    links,
  });
  const contactEntity = contactEntityOf(ctx.meta);
  const contactLink = links.find((l) => l.entity === contactEntity);
  const contact = contactLink ? await getRecord(contactLink.entity, contactLink.id, ctx) : null;
  return { id, threadId: stored.threadId, status: 'received', mailbox: input.mailbox, from, to, subject: m.subject, text: m.text, messageId: m.messageId, inReplyTo: m.inReplyTo, attachments, links, contact };
};
