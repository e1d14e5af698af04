import { invalidInput } from '../errors.js';
import type { EffectiveMeta, Locale } from '../metadata/types.js';
import type { RecordData } from '../records/index.js';
import { fieldAtPath } from './merge-fields.js';
import { MAIL_LOCALES } from './templates.js';

/** Values set on a recipient's record (through the record service, as the sender) after its message's outcome. */
export interface BulkMarks {
  sent?: RecordData;
  opted_out?: RecordData;
}

export interface BulkInput {
  template: string;
  entity: string;
  /** The e-mail field (or a path through references, `contact.email`) holding each recipient's address; several: the first that is set. */
  field: string | string[];
  filter?: unknown;
  locale?: Locale;
  /** The number of recipients the sender confirmed; needed when the send reaches more than the tenant's limit. */
  confirm?: number;
  mark?: BulkMarks;
  /** A record action of the entity, run as the tenant's system actor when a recipient first unsubscribes through this send's link. */
  onUnsubscribe?: string;
}

const KEYS = ['template', 'entity', 'field', 'filter', 'locale', 'confirm', 'mark', 'onUnsubscribe'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A bulk mail's input checked, every problem at once (400 naming each field). */
export const parseBulkInput = (input: unknown, meta: EffectiveMeta): BulkInput => {
  const b = (input ?? {}) as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  if (typeof b.template !== 'string') errors.push({ field: 'template', message: 'must name an e-mail template' });
  const entity = typeof b.entity === 'string' && Object.prototype.hasOwnProperty.call(meta.entities, b.entity) ? b.entity : undefined;
  if (!entity) errors.push({ field: 'entity', message: 'must name an entity' });
  else {
    const paths = Array.isArray(b.field) ? b.field : [b.field];
    const email = (p: unknown) => typeof p === 'string' && (fieldAtPath(meta, entity, p) as { type?: string } | undefined)?.type === 'email';
    if (!paths.length || paths.length > 5 || !paths.every(email)) errors.push({ field: 'field', message: 'must name an e-mail field of the entity (or a path to one), or a list of them' });
  }
  if (b.locale !== undefined && !MAIL_LOCALES.includes(b.locale as Locale)) errors.push({ field: 'locale', message: `must be one of ${MAIL_LOCALES.join(', ')}` });
  if (b.confirm !== undefined && (!Number.isInteger(b.confirm) || (b.confirm as number) < 0)) errors.push({ field: 'confirm', message: 'must be the number of recipients' });
  if (b.mark !== undefined && (!isObject(b.mark) || Object.entries(b.mark).some(([k, v]) => !['sent', 'opted_out'].includes(k) || !isObject(v)))) errors.push({ field: 'mark', message: 'must map sent and opted_out to the values to set' });
  if (b.onUnsubscribe !== undefined && (typeof b.onUnsubscribe !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(b.onUnsubscribe))) errors.push({ field: 'onUnsubscribe', message: 'must name a record action' });
  for (const k of Object.keys(b)) if (!KEYS.includes(k)) errors.push({ field: k, message: 'is not a bulk mail option' });
  if (errors.length) throw invalidInput('The bulk mail is not valid', errors);
  return b as unknown as BulkInput;
};
