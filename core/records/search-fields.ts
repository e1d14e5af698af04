import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { VIRTUAL_TYPES, fieldOf } from './entity-fields.js';
import type { RecordData } from './types.js';
import { invalidInput } from '../errors.js';

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
 * Characters of a record's search text that go into its `_search` vector. Postgres refuses
 * a tsvector over 1 MB of lexemes and positions ("string is too long for tsvector"); a
 * prefix this long stays below that whatever the words (under 8 bytes a character even
 * for hyphenated words of four-byte letters, each part indexed apart). Substring search still reads whole columns.
 */
export const SEARCH_PREFIX_CHARS = 100_000;

/** Long texts last, so a long description does not crowd the short fields out of the prefix. */
const shortFirst = (entity: EntityDocument, names: string[]): string[] =>
  [...names].sort((a, b) => Number(fieldOf(entity, a)?.type === 'long_text') - Number(fieldOf(entity, b)?.type === 'long_text'));

/**
 * The `_search` vector of a write: values being written are bound, the others read
 * from the row being updated (omit `values` keys to keep them). undefined when the
 * entity has nothing to search. Only the first SEARCH_PREFIX_CHARS characters are indexed.
 */
export const searchVectorSql = (entity: EntityDocument, values: RecordData, fromRow: boolean): SqlFragment | undefined => {
  const names = shortFirst(entity, searchFields(entity));
  if (!names.length) return undefined;
  const parts = names.map((n): SqlFragment =>
    n in values || !fromRow ? { sql: 'cast(? as text)', bindings: [valueText(values[n])] } : columnText(entity, n),
  );
  return {
    sql: `to_tsvector('simple', left(concat_ws(' ', ${parts.map((p) => p.sql).join(', ')}), ${SEARCH_PREFIX_CHARS}))`,
    bindings: parts.flatMap((p) => p.bindings),
  };
};

/** The search field most likely to have overflowed the vector: the longest text among the values. */
const longestField = (entity: EntityDocument, values: RecordData): string =>
  searchFields(entity)
    .map((n) => ({ n, len: valueText(values[n])?.length ?? 0 }))
    .sort((a, b) => b.len - a.len)[0]?.n ?? '';

/**
 * A write's error, with "too long for tsvector" (should the prefix ever not suffice) made a
 * 400 naming the field; other errors unchanged (translatePgError sees them next).
 */
export const searchWriteError = (entity: EntityDocument, values: RecordData, err: unknown): unknown => {
  if (!isSearchOverflow(err)) return err;
  const field = longestField(entity, values);
  return invalidInput(`The ${entity.name} has too much text to index for search${field ? `: shorten ${field}` : ''}`, [
    { field, message: 'is too long to be indexed for search', code: 'TOO_LONG_TO_INDEX' },
  ]);
};

/** Postgres' "string is too long for tsvector" (program limit exceeded). */
export const isSearchOverflow = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '54000' && /tsvector/.test(String((err as { message?: unknown }).message));
