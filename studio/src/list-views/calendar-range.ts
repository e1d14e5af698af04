import type { RecordData } from '../api/types.js';

/** A day as "YYYY-MM-DD" in local time. */
export type DayKey = string;

const pad = (n: number) => String(n).padStart(2, '0');

export const dayKey = (d: Date): DayKey => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** "YYYY-MM-DD" as a local date at midnight. */
export const parseDay = (key: DayKey): Date => {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y, m - 1, d);
};

export const addDays = (key: DayKey, n: number): DayKey => {
  const d = parseDay(key);
  d.setDate(d.getDate() + n);
  return dayKey(d);
};

/** The first day of the month a day falls in. */
export const monthStart = (key: DayKey): DayKey => `${key.slice(0, 7)}-01`;

export const addMonths = (key: DayKey, n: number): DayKey => {
  const d = parseDay(monthStart(key));
  d.setMonth(d.getMonth() + n);
  return dayKey(d);
};

/** The day the week holding `key` starts on (`weekStart` 0 = Sunday, 1 = Monday). */
export const weekStartOf = (key: DayKey, weekStart: 0 | 1): DayKey => {
  const back = (parseDay(key).getDay() - weekStart + 7) % 7;
  return addDays(key, -back);
};

export interface DayRange {
  /** First day shown. */
  from: DayKey;
  /** The day after the last day shown. */
  to: DayKey;
  days: DayKey[];
}

const rangeOf = (from: DayKey, count: number): DayRange => {
  const days = Array.from({ length: count }, (_, i) => addDays(from, i));
  return { from, to: addDays(from, count), days };
};

/** The whole weeks that cover the month of `key`: 4 to 6 rows of 7 days. */
export const monthGrid = (key: DayKey, weekStart: 0 | 1): DayRange => {
  const first = monthStart(key);
  const from = weekStartOf(first, weekStart);
  const next = addMonths(first, 1);
  let n = 0;
  while (addDays(from, n) < next) n++;
  return rangeOf(from, Math.ceil(n / 7) * 7);
};

/** The seven days of the week holding `key`. */
export const weekRange = (key: DayKey, weekStart: 0 | 1): DayRange => rangeOf(weekStartOf(key, weekStart), 7);

/** A range bound as the field's type compares: a date as is, a datetime as the local midnight's instant. */
const bound = (key: DayKey, datetime: boolean): string => (datetime ? parseDay(key).toISOString() : key);

/**
 * The json-logic filter for records shown in [from, to): the date in range, or, with an
 * end field, a span that overlaps the range.
 */
export const rangeFilter = (range: Pick<DayRange, 'from' | 'to'>, opts: { dateField: string; endField?: string; datetime: boolean }): unknown => {
  const from = bound(range.from, opts.datetime);
  const to = bound(range.to, opts.datetime);
  const start = { var: opts.dateField };
  if (!opts.endField) return { and: [{ '>=': [start, from] }, { '<': [start, to] }] };
  return { and: [{ '<': [start, to] }, { or: [{ '>=': [start, from] }, { '>=': [{ var: opts.endField }, from] }] }] };
};

/** The local day of a date or datetime value, or undefined when it is empty or not a date. */
export const dayOf = (value: unknown): DayKey | undefined => {
  if (typeof value !== 'string' || !value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : dayKey(d);
};

/** Records by the days they cover within `days` (a record with an end spans every day up to it). */
export const recordsByDay = (rows: RecordData[], days: DayKey[], opts: { dateField: string; endField?: string }): Map<DayKey, RecordData[]> => {
  const out = new Map<DayKey, RecordData[]>(days.map((d) => [d, []]));
  for (const row of rows) {
    const start = dayOf(row[opts.dateField]);
    if (!start) continue;
    const end = (opts.endField && dayOf(row[opts.endField])) || start;
    for (const d of days) if (d >= start && d <= (end < start ? start : end)) out.get(d)!.push(row);
  }
  return out;
};
