import { v7 as uuidv7 } from 'uuid';
import { invalidInput, problem } from '../errors.js';
import type { Locale } from '../metadata/types.js';
import { listRecords, type RecordContext, type RecordData } from '../records/index.js';
import { deliverMail } from './deliver.js';
import { storeMessage } from './messages.js';
import { isOptedOut, optedOut } from './opt-outs.js';
import { renderTemplateDoc, templateOf, MAIL_LOCALES } from './templates.js';
import { fromHeader, isAddress, readMailSettings, signingKey } from './settings.js';
import { messageIdFor, type MailServer } from './transport.js';
import { signUnsubscribe } from './unsubscribe-token.js';
import { withUnsubscribe } from './unsubscribe-footer.js';

/** At most this many records per bulk send. */
export const MAX_BULK_RECIPIENTS = 1000;

export interface BulkInput {
  template: string;
  entity: string;
  /** The e-mail field of the entity that holds each recipient's address. */
  field: string;
  filter?: unknown;
  locale?: Locale;
}

export interface BulkDeps {
  mail?: MailServer;
  tenant: string;
  /** The server's public origin, for unsubscribe links. */
  baseUrl: string;
}

const parse = (input: unknown, ctx: RecordContext): BulkInput => {
  const b = (input ?? {}) as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  if (typeof b.template !== 'string') errors.push({ field: 'template', message: 'must name an e-mail template' });
  const entity = typeof b.entity === 'string' && Object.prototype.hasOwnProperty.call(ctx.meta.entities, b.entity) ? ctx.meta.entities[b.entity] : undefined;
  if (!entity) errors.push({ field: 'entity', message: 'must name an entity' });
  else if (typeof b.field !== 'string' || !Object.prototype.hasOwnProperty.call(entity.fields, b.field) || entity.fields[b.field].type !== 'email') errors.push({ field: 'field', message: 'must name an e-mail field of the entity' });
  if (b.locale !== undefined && !MAIL_LOCALES.includes(b.locale as Locale)) errors.push({ field: 'locale', message: `must be one of ${MAIL_LOCALES.join(', ')}` });
  for (const k of Object.keys(b)) if (!['template', 'entity', 'field', 'filter', 'locale'].includes(k)) errors.push({ field: k, message: 'is not a bulk mail option' });
  if (errors.length) throw invalidInput('The bulk mail is not valid', errors);
  return b as unknown as BulkInput;
};

const recipients = async (input: BulkInput, ctx: RecordContext): Promise<RecordData[]> => {
  const out: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(input.entity, { filter: input.filter, limit: 500, cursor }, ctx);
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length <= MAX_BULK_RECIPIENTS);
  if (out.length > MAX_BULK_RECIPIENTS) throw invalidInput(`A bulk mail reaches at most ${MAX_BULK_RECIPIENTS} records; narrow the filter`, [{ field: 'filter', message: `matches more than ${MAX_BULK_RECIPIENTS} records` }]);
  return out;
};

/**
 * Sends a template to every record of an entity the user may list (optionally filtered),
 * one message each to the address in `field`. Each carries a signed one-click unsubscribe
 * link (and List-Unsubscribe headers); an address that opted out is not mailed but logged
 * as `skipped`, as is a record without an address. Every message is stored and linked to its record.
 */
export const sendBulk = async (raw: unknown, ctx: RecordContext, deps: BulkDeps) => {
  const input = parse(raw, ctx);
  const doc = templateOf(ctx.meta, input.template);
  if (!deps.mail) throw problem('MAIL_NOT_CONFIGURED');
  const locale = input.locale ?? 'en';
  const records = await recipients(input, ctx);
  const opted = await optedOut(ctx.db, records.map((r) => String(r[input.field] ?? '')).filter(isAddress));
  const settings = await readMailSettings(ctx.db);
  const from = fromHeader(settings, deps.mail.from);
  const key = await signingKey(ctx.db);
  const bulkId = uuidv7();
  const tally = { bulkId, sent: 0, skipped: 0, failed: 0 };
  for (const record of records) {
    const address = record[input.field];
    const links = [{ entity: input.entity, id: String(record.id) }];
    const base = { direction: 'out' as const, bulkId, links, createdBy: ctx.actor.id, from: typeof from === 'string' ? { address: from } : from };
    if (!isAddress(address) || isOptedOut(opted, address)) {
      await storeMessage(ctx.db, { ...base, status: 'skipped', to: isAddress(address) ? [address] : [], problem: isAddress(address) ? 'opted out' : 'no address' });
      tally.skipped++;
      continue;
    }
    const unsubscribeUrl = `${deps.baseUrl}/api/public/${encodeURIComponent(deps.tenant)}/mail/unsubscribe?token=${await signUnsubscribe(address, key)}`;
    const parts = withUnsubscribe(renderTemplateDoc(doc, locale, { ...record, unsubscribeUrl }), unsubscribeUrl, locale);
    const id = uuidv7();
    const messageId = messageIdFor(id, from);
    const headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    const sent = await deliverMail({ from, to: [address], ...parts, messageId, headers }, deps.mail);
    await storeMessage(ctx.db, { ...base, id, status: sent.ok ? 'sent' : 'failed', to: [address], ...parts, messageId, problem: sent.error ?? null });
    if (sent.ok) tally.sent++;
    else tally.failed++;
  }
  return tally;
};
