import { getRecord, type RecordContext } from '../records/index.js';

/** A stored message as the record page shows it (never its raw bytes). */
export interface MailView {
  id: string;
  direction: 'out' | 'in';
  status: string;
  from: { address: string | null; name: string | null };
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  messageId: string | null;
  threadId: string;
  attachments: unknown[];
  problem: string | null;
  createdAt: string;
}

/**
 * The messages a record concerns, newest first, for whoever may read the record (404
 * otherwise, as for a record that does not exist): the rights are the record service's.
 */
export const recordEmails = async (entity: string, id: string, ctx: RecordContext, opts: { limit?: number } = {}): Promise<{ data: MailView[] }> => {
  await getRecord(entity, id, ctx, { fields: ['id'] });
  const rows = await ctx.db('_mail_messages as m')
    .join('_mail_links as l', 'l.message', 'm.id')
    .where({ 'l.entity': entity, 'l.record_id': id })
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(Math.min(opts.limit ?? 100, 200))
    .select('m.id', 'm.direction', 'm.status', 'm.from_address', 'm.from_name', 'm.to_addresses', 'm.subject', 'm.text_body', 'm.html_body', 'm.message_id', 'm.thread_id', 'm.attachments', 'm.problem', 'm.created_at');
  return {
    data: rows.map((r: Record<string, any>) => ({
      id: r.id,
      direction: r.direction,
      status: r.status,
      from: { address: r.from_address, name: r.from_name },
      to: r.to_addresses,
      subject: r.subject,
      text: r.text_body,
      html: r.html_body,
      messageId: r.message_id,
      threadId: r.thread_id,
      attachments: r.attachments,
      problem: r.problem,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
};
