import type { EntityDocument } from '../metadata/types.js';
import { VIRTUAL_TYPES } from './entity-fields.js';
import { allKeys } from './projection.js';
import type { RecordData } from './types.js';

/**
 * The columns a write returns when they make the whole record: every key is a column
 * (no formula, roll-up or link to compute), so `returning` replaces reading the row
 * back. Undefined when the entity has computed fields.
 */
export const returnedColumns = (entity: EntityDocument): string[] | undefined =>
  Object.values(entity.fields ?? {}).some((f) => VIRTUAL_TYPES.has(f.type)) ? undefined : allKeys(entity);

/** A returned row as the record (the same keys, in the same order, as a read gives). */
export const returnedRecord = (columns: string[], row: Record<string, unknown>): RecordData =>
  Object.fromEntries(columns.map((k) => [k, row[k] ?? null]));
