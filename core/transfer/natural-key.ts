import type { EntityDocument } from '../metadata/types.js';
import { fieldOf } from '../records/entity-fields.js';

/** Field types whose value can name a record in a CSV cell. */
const KEY_TYPES: ReadonlySet<string> = new Set(['text', 'email', 'phone', 'url', 'auto_number', 'integer', 'date']);

const NONE: ReadonlySet<string> = new Set();

/** Whether a field's values can name a record in a cell (texts, codes, numbers, dates; not lists, JSON or references). */
export const isKeyField = (entity: EntityDocument, name: string): boolean => KEY_TYPES.has(fieldOf(entity, name)?.type ?? '');

/** Unique fields that can name a record (a customer code, an e-mail), in document order, leaving out `hidden` ones. */
export const uniqueKeys = (entity: EntityDocument, hidden: ReadonlySet<string> = NONE): string[] =>
  Object.entries(entity.fields ?? {})
    .filter(([name, f]) => f.unique === true && isKeyField(entity, name) && !hidden.has(name))
    .map(([name]) => name);

const titleKey = (entity: EntityDocument, hidden: ReadonlySet<string>): string | undefined =>
  entity.titleField && isKeyField(entity, entity.titleField) && !hidden.has(entity.titleField) ? entity.titleField : undefined;

/** Columns that may identify a record of `entity` in a reference cell: id, unique fields, the title field. */
export const keyCandidates = (entity: EntityDocument, hidden: ReadonlySet<string> = NONE): string[] => {
  const title = titleKey(entity, hidden);
  return [...new Set(['id', ...uniqueKeys(entity, hidden), ...(title ? [title] : [])])];
};

/**
 * The natural key a reference to `entity` is exported and imported by: a unique title
 * field, else the first unique field (a code), else the title field (a name; a name
 * shared by several records is reported as ambiguous), else the id. Fields hidden from
 * the actor are not used.
 */
export const naturalKeyOf = (entity: EntityDocument, hidden: ReadonlySet<string> = NONE): string => {
  const title = titleKey(entity, hidden);
  if (title && fieldOf(entity, title)?.unique) return title;
  return uniqueKeys(entity, hidden)[0] ?? title ?? 'id';
};
