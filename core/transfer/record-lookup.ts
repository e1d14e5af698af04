import type { RecordContext, RecordData } from '../records/types.js';
import { findByValues, keyText } from './find-by-values.js';

/** Finds records by a field's value during one import, with a cache filled a batch at a time. */
export interface RecordLookup {
  /** Looks up many values in a few queries. */
  prefetch(entity: string, field: string, values: unknown[]): Promise<void>;
  /** Ids of the live records of `entity` whose `field` equals `value`. */
  find(entity: string, field: string, value: unknown): Promise<string[]>;
  /** Notes a record the import just wrote, so later rows find it by any field looked up so far. */
  remember(entity: string, record: RecordData): void;
}

/** Lookups are cached for the whole import (one transaction); records it writes are added as it goes. */
export const recordLookup = (ctx: RecordContext): RecordLookup => {
  const cache = new Map<string, Map<string, Map<string, string[]>>>();
  const bucket = (entity: string, field: string): Map<string, string[]> => {
    const fields = cache.get(entity) ?? new Map<string, Map<string, string[]>>();
    cache.set(entity, fields);
    const b = fields.get(field) ?? new Map<string, string[]>();
    fields.set(field, b);
    return b;
  };
  const prefetch = async (entity: string, field: string, values: unknown[]): Promise<void> => {
    const b = bucket(entity, field);
    const wanted = values.filter((v) => !b.has(keyText(v)));
    if (!wanted.length) return;
    const found = await findByValues(entity, field, wanted, ctx);
    for (const v of wanted) b.set(keyText(v), found.get(keyText(v)) ?? []);
  };
  return {
    prefetch,
    async find(entity, field, value) {
      await prefetch(entity, field, [value]);
      return bucket(entity, field).get(keyText(value)) ?? [];
    },
    remember(entity, record) {
      const id = String(record.id);
      for (const [field, b] of cache.get(entity) ?? []) {
        const value = record[field];
        if (value === null || value === undefined) continue;
        const ids = b.get(keyText(value)) ?? [];
        if (!ids.includes(id)) b.set(keyText(value), [...ids, id]);
      }
    },
  };
};
