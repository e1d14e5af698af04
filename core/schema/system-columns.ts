import type { DesiredColumn } from './types.js';

/** Columns every entity table carries (DESIGN §3), in table order. */
export const SYSTEM_COLUMNS: readonly DesiredColumn[] = [
  { name: 'id', type: 'uuid', system: true, options: 'primary key' },
  { name: 'created_at', type: 'timestamp with time zone', system: true, options: 'not null default now()' },
  { name: 'created_by', type: 'uuid', system: true },
  { name: 'updated_at', type: 'timestamp with time zone', system: true, options: 'not null default now()' },
  { name: 'updated_by', type: 'uuid', system: true },
  { name: 'owner_id', type: 'uuid', system: true },
  { name: 'version', type: 'integer', system: true, options: 'not null default 1' },
  { name: 'deleted_at', type: 'timestamp with time zone', system: true },
  /** Full-text search vector, written by the record service from the entity's searchFields. */
  { name: '_search', type: 'tsvector', system: true },
];

export const SYSTEM_COLUMN_NAMES: ReadonlySet<string> = new Set(SYSTEM_COLUMNS.map((c) => c.name));

/** Partial-index predicates the engine uses (fixed text, never user input). */
export const LIVE_ROWS = 'deleted_at is null';
export const DELETED_ROWS = 'deleted_at is not null';
