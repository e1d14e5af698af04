import type { EffectiveMeta } from '../metadata/types.js';
import { fieldOf, isUuid } from '../records/entity-fields.js';
import { parseCell, parseUuidCell, type Parsed } from './cell-values.js';
import type { ImportColumn } from './import-columns.js';
import type { RecordLookup } from './record-lookup.js';

export type ReferenceColumn = Extract<ImportColumn, { kind: 'reference' }>;

/** A reference cell as the value of the column's key field (`id` cells must be uuids). */
const keyValue = (column: ReferenceColumn, raw: string, meta: EffectiveMeta): Parsed => {
  if (column.by === 'id') return parseUuidCell(raw);
  return parseCell(fieldOf(meta.entities[column.target], column.by)!, raw);
};

/** The lookups a reference cell needs: by its key, and by id when it holds a uuid (an export writes one for a record without a key value). */
export const referenceLookups = (column: ReferenceColumn, raw: string, meta: EffectiveMeta): { field: string; value: unknown }[] => {
  const v = keyValue(column, raw, meta);
  if ('error' in v || v.value === null) return [];
  const text = raw.trim();
  return [{ field: column.by, value: v.value }, ...(column.by !== 'id' && isUuid(text) ? [{ field: 'id', value: text.toLowerCase() }] : [])];
};

/**
 * The id a reference cell names: one live record of the target whose key field holds
 * the value (or, failing that, whose id it is). None or several → a message for the row.
 */
export const resolveReference = async (column: ReferenceColumn, raw: string, lookup: RecordLookup, meta: EffectiveMeta): Promise<{ value: string | null } | { error: string }> => {
  const v = keyValue(column, raw, meta);
  if ('error' in v) return v;
  if (v.value === null) return { value: null };
  const ids = await lookup.find(column.target, column.by, v.value);
  if (ids.length === 1) return { value: ids[0] };
  const shown = `"${raw.trim().slice(0, 80)}"`;
  if (ids.length > 1) {
    const others = column.keys.filter((k) => k !== column.by);
    return { error: `${ids.length} ${column.target} records have ${column.by} ${shown}; use a column that tells them apart (${others.map((k) => `${column.field}.${k}`).join(', ')})` };
  }
  const text = raw.trim();
  if (column.by !== 'id' && isUuid(text)) {
    const byId = await lookup.find(column.target, 'id', text.toLowerCase());
    if (byId.length === 1) return { value: byId[0] };
  }
  return { error: `no ${column.target} with ${column.by} ${shown}` };
};
