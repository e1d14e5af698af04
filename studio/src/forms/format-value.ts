import type { DictionaryDocument, FieldDefinition } from '../api/types.js';
import { labelOf } from '../lib/label.js';
import { enumChoices } from './enum-options.js';

export interface FormatContext {
  locale: string;
  dictionaries: Record<string, DictionaryDocument>;
  yes: string;
  no: string;
  /** Names of users by id, where known. */
  userName?: (id: string) => string | undefined;
  /** The tenant's time zone: instants are shown on its clock (the browser's until the settings load). */
  timeZone?: string;
}

const EMPTY = '—';

const number = (v: unknown, locale: string, opts: Intl.NumberFormatOptions = {}): string => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, opts).format(n) : String(v);
};

/** An instant (ISO date-time) in the reader's language on the tenant's clock ("Dec 8, 2026, 12:30 AM"; "2026年12月8日 00:30"). */
export const formatInstant = (v: unknown, locale: string, timeZone?: string): string => {
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
};

const DAY = /^(\d{4}-\d{2}-\d{2})/;

/** A calendar day ("2026-12-07", a date field) in the reader's language: the same day on every clock ("Dec 7, 2026"; "2026年12月7日"). */
export const formatDay = (v: unknown, locale: string): string => {
  const day = DAY.exec(String(v))?.[1];
  const d = day ? new Date(`${day}T00:00:00Z`) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' }) : String(v);
};

const byType = (type: string, field: FieldDefinition, v: unknown, ctx: FormatContext): string => {
  switch (type) {
    case 'boolean':
      return v ? ctx.yes : ctx.no;
    case 'enum':
    case 'multi_enum': {
      const choices = enumChoices(field, ctx.dictionaries);
      const one = (x: unknown) => labelOf(choices.find((c) => c.value === x)?.label, ctx.locale, String(x));
      return Array.isArray(v) ? v.map(one).join(', ') : one(v);
    }
    case 'integer':
      return number(v, ctx.locale, { maximumFractionDigits: 0 });
    case 'decimal':
      // Up to the field's scale, without padding: a quantity of 2 reads "2", not "2.0000".
      return number(v, ctx.locale, { maximumFractionDigits: 'scale' in field && field.scale !== undefined ? field.scale : 4 });
    case 'currency': {
      const currency = 'currency' in field ? field.currency : undefined;
      return currency ? number(v, ctx.locale, { style: 'currency', currency }) : number(v, ctx.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    case 'percent':
      return `${number(v, ctx.locale, { maximumFractionDigits: 4 })}%`;
    case 'date':
      return formatDay(v, ctx.locale);
    case 'datetime':
      return formatInstant(v, ctx.locale, ctx.timeZone);
    case 'user':
      return ctx.userName?.(String(v)) ?? String(v).slice(0, 8);
    case 'json':
      return JSON.stringify(v);
    default:
      return Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
};

/** A value as text for read-only display and list cells. */
export const formatValue = (field: FieldDefinition | undefined, value: unknown, ctx: FormatContext): string => {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return EMPTY;
  if (!field) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const type = field.type === 'formula' ? (field.options?.length ? 'enum' : field.resultType) : field.type === 'rollup' ? 'decimal' : field.type;
  // A computed decimal (a ratio, an average) has no scale of its own: two places read best.
  if (type === 'decimal' && (field.type === 'formula' || field.type === 'rollup')) return number(value, ctx.locale, { maximumFractionDigits: 2 });
  return byType(type, field, value, ctx);
};
