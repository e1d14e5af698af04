import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { VIRTUAL_TYPES, fieldOf } from './entity-fields.js';
import type { RecordData } from './types.js';

const TEXT_TYPES = new Set(['text', 'long_text', 'email', 'phone', 'url', 'enum', 'auto_number']);

/** Fields `q` searches: entity.searchFields, else the title field and every text field; stored ones only. */
export const searchFields = (entity: EntityDocument): string[] => {
  const named = entity.searchFields ?? [
    ...(entity.titleField ? [entity.titleField] : []),
    ...Object.entries(entity.fields ?? {}).filter(([, f]) => TEXT_TYPES.has(f.type)).map(([n]) => n),
  ];
  return [...new Set(named)].filter((n) => {
    const f = fieldOf(entity, n);
    return f !== undefined && !VIRTUAL_TYPES.has(f.type);
  });
};

/** A column's value as text (SQL); lists joined by spaces. */
export const columnText = (entity: EntityDocument, name: string, alias?: string): SqlFragment => {
  const col = alias ? `${alias}.${name}` : name;
  return fieldOf(entity, name)?.type === 'multi_enum' ? { sql: `array_to_string(??, ' ')`, bindings: [col] } : { sql: 'cast(?? as text)', bindings: [col] };
};

const valueText = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * The `_search` vector of a write: values being written are bound, the others read
 * from the row being updated (omit `values` keys to keep them). undefined when the
 * entity has nothing to search.
 */
export const searchVectorSql = (entity: EntityDocument, values: RecordData, fromRow: boolean): SqlFragment | undefined => {
  const names = searchFields(entity);
  if (!names.length) return undefined;
  const parts = names.map((n): SqlFragment =>
    n in values || !fromRow ? { sql: 'cast(? as text)', bindings: [valueText(values[n])] } : columnText(entity, n),
  );
  return { sql: `to_tsvector('simple', concat_ws(' ', ${parts.map((p) => p.sql).join(', ')}))`, bindings: parts.flatMap((p) => p.bindings) };
};
