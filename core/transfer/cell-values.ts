import type { FieldDefinition } from '../metadata/types.js';
import { UUID, isUuid } from '../records/entity-fields.js';

/** What a cell becomes on import: a value (null for an empty cell) or why it cannot be read. */
export type Parsed = { value: unknown } | { error: string };

const TRUE = new Set(['true', '1', 'yes', 'y', 't', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', '否']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
/** Texts are taken as they are, spaces included, so a round trip keeps them. */
const VERBATIM: ReadonlySet<string> = new Set(['text', 'long_text', 'email', 'phone', 'url']);
const SPACED_DATETIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d)/;
const BARE_DATE = /^\d{4}-\d\d-\d\d$/;

/** A list cell: "a;b" or, when a value holds ";" or edge spaces (or the list is empty, unlike no list), a JSON array. */
const listText = (items: string[]): string =>
  !items.length || items.some((v) => v.includes(';') || v.trim() !== v || v === '' || v.startsWith('[')) ? JSON.stringify(items) : items.join(';');

const parseList = (text: string): Parsed => {
  if (!text.startsWith('[')) return { value: text.split(';').map((s) => s.trim()).filter(Boolean) };
  try {
    const list: unknown = JSON.parse(text);
    if (Array.isArray(list) && list.every((v) => typeof v === 'string')) return { value: list };
  } catch {
    // reported below
  }
  return { error: 'must be values separated by ";" or a JSON list of texts' };
};

const parseJson = (text: string): Parsed => {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: 'is not valid JSON' };
  }
};

/** A value of any shape as cell text: lists joined by ";", objects as JSON, the rest as text. */
export const formatAny = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? listText(value) : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** A stored value as cell text; the inverse of parseCell for every stored type. */
export const formatCell = (field: FieldDefinition | undefined, value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (field?.type === 'json' || field?.type === 'attachment') return JSON.stringify(value);
  return formatAny(value);
};

/** Cell text as the value the record service takes; an empty cell is null (the field is cleared). */
export const parseCell = (field: FieldDefinition, raw: string): Parsed => {
  if (VERBATIM.has(field.type)) return raw === '' ? { value: null } : { value: raw };
  const text = raw.trim();
  if (text === '') return { value: null };
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent':
      return NUMBER.test(text) && Number.isFinite(Number(text)) ? { value: Number(text) } : { error: `"${text.slice(0, 40)}" is not a number` };
    case 'boolean': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return { value: true };
      if (FALSE.has(t)) return { value: false };
      return { error: `"${text.slice(0, 40)}" is not true or false` };
    }
    case 'date': {
      const m = SLASH_DATE.exec(text);
      return { value: m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text };
    }
    case 'datetime':
      // A bare date is midnight UTC (what a worksheet's date cell without a time reads as).
      return { value: BARE_DATE.test(text) ? `${text}T00:00:00.000Z` : text.replace(SPACED_DATETIME, '$1T$2') };
    case 'multi_enum':
      return parseList(text);
    case 'json': case 'attachment':
      return parseJson(text);
    case 'user':
      return isUuid(text) ? { value: text.toLowerCase() } : { error: 'must be a user id (uuid)' };
    default:
      return { value: text };
  }
};

/** A system column's cell (id, owner_id): a uuid, compared in lower case. */
export const parseUuidCell = (raw: string): Parsed => {
  const text = raw.trim();
  if (text === '') return { value: null };
  return UUID.test(text) ? { value: text.toLowerCase() } : { error: `"${text.slice(0, 40)}" is not a uuid` };
};
