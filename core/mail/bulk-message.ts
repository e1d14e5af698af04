import { getRecord, updateRecord, type RecordContext, type RecordData } from '../records/index.js';
import { isAppError } from '../errors.js';
import type { Delivery, OutgoingMail } from './deliver.js';
import { nestPaths } from './merge-fields.js';
import { isOptedOut, optedOut } from './opt-outs.js';
import type { BulkJob } from './queue-bulk.js';
import { fromHeader, isAddress, readMailSettings, signingKey } from './settings.js';
import { renderTemplateDoc, templateOf } from './templates.js';
import { messageIdFor, type MailServer } from './transport.js';
import { signUnsubscribe } from './unsubscribe-token.js';
import { withUnsubscribe } from './unsubscribe-footer.js';

/** A queued message taken for sending: written `sending` with its parts, to hand to SMTP once that is committed. */
export interface TakenMessage {
  id: string;
  record: string;
  mail: OutgoingMail;
}

/** Sets the bulk's values for an outcome on the recipient's record, as the sender; a refusal leaves the record as it is. */
const markRecord = async (job: BulkJob, outcome: keyof NonNullable<BulkJob['mark']>, id: string, ctx: RecordContext): Promise<void> => {
  const values = job.mark?.[outcome];
  if (!values || !id) return;
  try {
    await updateRecord(job.entity, id, values, ctx);
  } catch (e) {
    if (!isAppError(e)) throw e;
  }
};

const skip = async (ctx: RecordContext, job: BulkJob, row: { id: string; record_id: string }, reason: string): Promise<'skipped'> => {
  await ctx.db('_mail_messages').where({ id: row.id }).update({ status: 'skipped', problem: reason });
  if (reason === 'opted out') await markRecord(job, 'opted_out', row.record_id, ctx);
  return 'skipped';
};

/**
 * Takes the next queued message of a bulk (rows locked with SKIP LOCKED, so two workers never
 * take the same one): a recipient without an address, one who opted out by now, or a record
 * the sender can no longer read is logged `skipped` (an opt-out also marks the record); else
 * the message is rendered from the record as the sender reads it now, with its signed
 * unsubscribe link (naming this message), and written `sending`. Undefined when none is left.
 */
export const takeQueuedMessage = async (job: BulkJob, ctx: RecordContext, server: MailServer | undefined): Promise<TakenMessage | 'skipped' | undefined> => {
  const row: { id: string; to_addresses: string[]; record_id: string } | undefined = (
    await ctx.db.raw(
      `select m.id, m.to_addresses, l.record_id from _mail_messages m join _mail_links l on l.message = m.id and l.entity = ?
       where m.bulk_id = ? and m.status = 'queued' order by m.id limit 1 for update of m skip locked`,
      [job.entity, job.bulk],
    )
  ).rows[0];
  if (!row) return undefined;
  const address = row.to_addresses[0];
  if (!isAddress(address)) return skip(ctx, job, row, 'no address');
  if (isOptedOut(await optedOut(ctx.db, [address]), address)) return skip(ctx, job, row, 'opted out');
  if (!server) return skip(ctx, job, row, 'no mail server');
  let record: RecordData;
  try {
    record = await getRecord(job.entity, row.record_id, ctx, { fields: ['id', ...job.fields] });
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 403 || e.status === 400)) return skip(ctx, job, row, 'record gone or out of reach');
    throw e;
  }
  const from = fromHeader(await readMailSettings(ctx.db), server.from);
  const token = await signUnsubscribe(address, await signingKey(ctx.db), { message: row.id, action: job.onUnsubscribe });
  const unsubscribeUrl = `${job.baseUrl}/api/public/${encodeURIComponent((ctx as { tenant?: { slug: string } }).tenant?.slug ?? '')}/mail/unsubscribe?token=${token}`;
  const parts = withUnsubscribe(renderTemplateDoc(templateOf(ctx.meta, job.template), job.locale, { ...nestPaths(record), unsubscribeUrl }), unsubscribeUrl, job.locale);
  const messageId = messageIdFor(row.id, from);
  const sender = typeof from === 'string' ? { address: from } : from;
  await ctx.db('_mail_messages').where({ id: row.id }).update({ status: 'sending', from_address: sender.address, from_name: sender.name ?? null, subject: parts.subject, text_body: parts.text ?? null, html_body: parts.html ?? null, message_id: messageId });
  const headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  return { id: row.id, record: row.record_id, mail: { from, to: [address], ...parts, messageId, headers } };
};

/** Logs what the mail server answered and, once sent, marks the recipient's record. */
export const finishQueuedMessage = async (job: BulkJob, taken: TakenMessage, delivery: Delivery, ctx: RecordContext): Promise<void> => {
  await ctx.db('_mail_messages').where({ id: taken.id, status: 'sending' }).update({ status: delivery.ok ? 'sent' : 'failed', problem: delivery.error ?? null });
  if (delivery.ok) await markRecord(job, 'sent', taken.record, ctx);
};

/**
 * After a crash: messages a dead attempt left `sending` may or may not have reached the
 * mail server; they are logged failed, not sent again, so nobody gets one twice.
 */
export const interruptedSends = async (bulk: string, db: RecordContext['db']): Promise<number> =>
  db('_mail_messages').where({ bulk_id: bulk, status: 'sending' }).update({ status: 'failed', problem: 'interrupted while sending; not sent again' });

/** Whether a bulk still has queued messages. */
export const hasQueued = async (bulk: string, db: RecordContext['db']): Promise<boolean> => Boolean(await db('_mail_messages').where({ bulk_id: bulk, status: 'queued' }).first('id'));
