import { v7 as uuidv7 } from 'uuid';
import { notFound, problem } from '../errors.js';
import type { Locale } from '../metadata/types.js';
import { scopedSelect, translatePgError, type RecordContext } from '../records/index.js';
import { parseBulkInput, type BulkMarks } from './bulk-input.js';
import { mergeFieldsOf } from './merge-fields.js';
import { templateOf } from './templates.js';

/** At most this many records per bulk send. */
export const MAX_BULK_RECIPIENTS = 100_000;

/** What the queue's worker needs to send a bulk's messages (the job's data). */
export interface BulkJob {
  bulk: string;
  /** The sender: the user whose read scope chose the records and who is marked as their author. */
  actor: string;
  entity: string;
  template: string;
  locale: Locale;
  /** The template's merge fields (paths read from each record). */
  fields: string[];
  /** The server's public origin, for unsubscribe links. */
  baseUrl: string;
  mark?: BulkMarks;
  onUnsubscribe?: string;
}

export interface QueuedBulk {
  bulkId: string;
  /** Records the send matched. */
  total: number;
  /** Of them, those with an address that has not opted out: who will receive it. */
  recipients: number;
  job: BulkJob;
}

/**
 * Queues a bulk mail in the caller's transaction: checks the input and that every merge
 * field of the template is one the entity has (MAIL_MERGE_FIELD), counts who will receive it
 * (a send to more than `confirmAbove` needs `confirm` equal to that number, else
 * BULK_MAIL_CONFIRM stating it), then snapshots the recipients — every record the sender may
 * read that the filter matches — into queued messages linked to their records, in ONE
 * statement (nothing is loaded into the process). The worker sends them (see BulkJob).
 */
export const queueBulkSnapshot = async (raw: unknown, ctx: RecordContext, opts: { confirmAbove: number; baseUrl: string }): Promise<QueuedBulk> => {
  const input = parseBulkInput(raw, ctx.meta);
  const fields = mergeFieldsOf(templateOf(ctx.meta, input.template), input.entity, ctx.meta);
  const select = scopedSelect({ entity: input.entity, filter: input.filter, paths: [input.field], field: 'field' }, ctx);
  const counted = `select count(*) as total, count(*) filter (where _c0 is not null and lower(trim(_c0)) not in (select address from _mail_opt_outs)) as recipients from (${select.sql}) s`;
  let row: { total: string; recipients: string };
  try {
    row = (await ctx.db.raw(counted, select.bindings as never[])).rows[0];
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  const total = Number(row.total);
  const recipients = Number(row.recipients);
  if (total > MAX_BULK_RECIPIENTS) throw problem('BULK_MAIL_TOO_LARGE', { limit: MAX_BULK_RECIPIENTS, count: total }, { errors: [{ field: 'filter', message: `matches more than ${MAX_BULK_RECIPIENTS} records` }] });
  if (recipients > opts.confirmAbove && input.confirm !== recipients) throw problem('BULK_MAIL_CONFIRM', { count: recipients, limit: opts.confirmAbove }, { count: recipients, total, confirmAbove: opts.confirmAbove });
  const bulkId = uuidv7();
  const actor = /^[0-9a-f-]{36}$/i.test(ctx.actor.id) ? ctx.actor.id : null;
  await ctx.db.raw(
    `with src as (select gen_random_uuid() as mid, s._id, cast(s._c0 as text) as address from (${select.sql}) s),
     m as (insert into _mail_messages (id, direction, status, to_addresses, thread_id, bulk_id, created_by)
       select mid, 'out', 'queued', case when address is null then '[]'::jsonb else jsonb_build_array(address) end, mid, cast(? as uuid), cast(? as uuid) from src returning id),
     l as (insert into _mail_links (message, entity, record_id) select mid, ?, _id from src)
     select count(*) from m`,
    [...select.bindings, bulkId, actor, input.entity] as never[],
  );
  const job: BulkJob = { bulk: bulkId, actor: ctx.actor.id, entity: input.entity, template: input.template, locale: input.locale ?? 'en', fields, baseUrl: opts.baseUrl, mark: input.mark, onUnsubscribe: input.onUnsubscribe };
  return { bulkId, total, recipients, job };
};

/** A bulk's progress: its messages by status (404 for a bulk the tenant never sent). */
export const bulkProgress = async (bulkId: string, ctx: Pick<RecordContext, 'db'>) => {
  const rows: { status: string; n: string }[] = /^[0-9a-f-]{36}$/i.test(bulkId) ? await ctx.db('_mail_messages').where({ bulk_id: bulkId }).groupBy('status').select('status', ctx.db.raw('count(*) as n')) : [];
  if (!rows.length) throw notFound(`No bulk mail ${bulkId.slice(0, 40)}`);
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const counts = { queued: by.queued ?? 0, sending: by.sending ?? 0, sent: by.sent ?? 0, skipped: by.skipped ?? 0, failed: by.failed ?? 0 };
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  return { bulkId, total, ...counts, done: counts.queued + counts.sending === 0 };
};
