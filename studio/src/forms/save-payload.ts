import type { EntityDocument, RecordData } from '../api/types.js';
import { mayWriteField } from '../lib/access.js';
import { COMPUTED_TYPES, UNEDITABLE_TYPES } from './computed-types.js';

const writable = (entity: EntityDocument, name: string): boolean => {
  const f = entity.fields[name];
  return Boolean(f) && !COMPUTED_TYPES.has(f.type) && !UNEDITABLE_TYPES.has(f.type) && !f.readonly && mayWriteField(entity, name);
};

const clean = (v: unknown): unknown => (v === '' || v === undefined ? null : typeof v === 'string' ? v : v);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

/** A new record's body: the writable fields that have a value. */
export const createPayload = (entity: EntityDocument, values: RecordData): RecordData =>
  Object.fromEntries(Object.keys(entity.fields).filter((n) => writable(entity, n) && clean(values[n]) !== null).map((n) => [n, clean(values[n])]));

/** An update's body: only the writable fields that differ from the stored record. */
export const patchPayload = (entity: EntityDocument, values: RecordData, stored: RecordData): RecordData =>
  Object.fromEntries(Object.keys(entity.fields).filter((n) => writable(entity, n) && !same(values[n], stored[n])).map((n) => [n, clean(values[n])]));

/** Names of the fields whose values differ (for the unsaved-changes warning and conflicts). */
export const changedFields = (entity: EntityDocument, values: RecordData, stored: RecordData): string[] =>
  Object.keys(entity.fields).filter((n) => writable(entity, n) && !same(values[n], stored[n]));
