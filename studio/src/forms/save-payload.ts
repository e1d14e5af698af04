import type { EntityDocument, RecordData } from '../api/types.js';
import { mayWriteField } from '../lib/access.js';
import { COMPUTED_TYPES, UNEDITABLE_TYPES } from './computed-types.js';

/** Fields never sent besides the computed and read-only ones (a lifecycle's state fields). */
type Skip = ReadonlySet<string> | undefined;

const writable = (entity: EntityDocument, name: string, skip?: Skip): boolean => {
  const f = entity.fields[name];
  return Boolean(f) && !skip?.has(name) && !COMPUTED_TYPES.has(f.type) && !UNEDITABLE_TYPES.has(f.type) && !f.readonly && mayWriteField(entity, name);
};

const clean = (v: unknown): unknown => (v === '' || v === undefined ? null : typeof v === 'string' ? v : v);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

/** A new record's body: the writable fields that have a value. */
export const createPayload = (entity: EntityDocument, values: RecordData, skip?: Skip): RecordData =>
  Object.fromEntries(Object.keys(entity.fields).filter((n) => writable(entity, n, skip) && clean(values[n]) !== null).map((n) => [n, clean(values[n])]));

/** An update's body: only the writable fields that differ from the stored record. */
export const patchPayload = (entity: EntityDocument, values: RecordData, stored: RecordData, skip?: Skip): RecordData =>
  Object.fromEntries(Object.keys(entity.fields).filter((n) => writable(entity, n, skip) && !same(values[n], stored[n])).map((n) => [n, clean(values[n])]));

/** Names of the fields whose values differ (for the unsaved-changes warning and conflicts). */
export const changedFields = (entity: EntityDocument, values: RecordData, stored: RecordData, skip?: Skip): string[] =>
  Object.keys(entity.fields).filter((n) => writable(entity, n, skip) && !same(values[n], stored[n]));
