import { addDays, dayNumber, DEFAULT_CALENDAR, localDateOf, todayIn, type TenantTime } from '../time/index.js';

/**
 * The one semantic both forms of a rule follow (SQL is three-valued, JS is not):
 * - a comparison (<, <=, >, >=) with a null or missing operand is false;
 * - == and != are null-safe: null == null is true, null == 5 is false (SQL: IS [NOT] DISTINCT FROM);
 * - arithmetic with a null operand is null; division or modulo by zero is null;
 * - max / min ignore nulls; cat treats null as '';
 * - text operators (contains, starts_with, ends_with) are case-insensitive and false on null;
 * - dates are 'YYYY-MM-DD' strings, datetimes ISO-8601 strings: their text order is their time order;
 * - truthiness is json-logic's: 0, '', null, false and [] are false.
 * Every compiled predicate is two-valued (never NULL), so !, and, or agree with memory.
 */
export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

export const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));

export const compare = (op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean => {
  if (isNil(a) || isNil(b)) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
};

export const looseEqual = (a: unknown, b: unknown): boolean => {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  // eslint-disable-next-line eqeqeq
  return a == b;
};

const num = (v: unknown): number | null => {
  if (isNil(v) || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

export const arithmetic = (op: '+' | '-' | '*' | '/' | '%', args: unknown[]): number | null => {
  const ns = args.map(num);
  if (ns.some((n) => n === null)) return null;
  const v = ns as number[];
  if (op === '+') return v.reduce((s, n) => s + n, 0);
  if (op === '*') return v.reduce((s, n) => s * n, 1);
  if (op === '-') return v.length === 1 ? -v[0] : v[0] - v[1];
  if (v[1] === 0) return null;
  return op === '/' ? v[0] / v[1] : v[0] % v[1];
};

const lower = (v: unknown): string | null => (isNil(v) ? null : String(v).toLowerCase());

export const textOp = (op: 'contains' | 'starts_with' | 'ends_with', a: unknown, b: unknown): boolean => {
  const x = lower(a);
  const y = lower(b);
  if (x === null || y === null) return false;
  if (op === 'contains') return x.includes(y);
  if (op === 'starts_with') return x.startsWith(y);
  return x.endsWith(y);
};

/** What time means for a rule: the tenant's zone and business calendar (data.$time; UTC and 9–18 weekdays when absent). */
export const timeOf = (data: unknown): TenantTime => {
  const t = (data as { $time?: Partial<TenantTime> } | null)?.$time;
  return { timeZone: t?.timeZone ?? 'UTC', calendar: t?.calendar ?? DEFAULT_CALENDAR };
};

/** The calendar day of a date ('2024-05-01') or of an instant ('2024-05-01T20:00:00Z', in the zone). */
const calendarDay = (v: unknown, zone: string): string | null => {
  if (isNil(v) || v === '') return null;
  const s = v instanceof Date ? v.toISOString() : String(v);
  if (s.length > 10 && /^\d{4}-\d{2}-\d{2}[T ]\d/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : localDateOf(t, zone);
  }
  return dayNumber(s) === null ? null : s.slice(0, 10);
};

/** Calendar days from a to b; an instant counts as its day in the tenant's zone. */
export const daysBetween = function (this: unknown, a: unknown, b: unknown): number | null {
  const zone = timeOf(this).timeZone;
  const x = calendarDay(a, zone);
  const y = calendarDay(b, zone);
  return x === null || y === null ? null : dayNumber(y)! - dayNumber(x)!;
};

export const dateAdd = function (this: unknown, d: unknown, n: unknown): string | null {
  const x = calendarDay(d, timeOf(this).timeZone);
  const k = num(n);
  if (x === null || k === null) return null;
  return addDays(x, k);
};

/** $today: the calendar day in the tenant's zone. */
export const todayOf = (now: Date, zone = 'UTC'): string => todayIn(zone, now);
