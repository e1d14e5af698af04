import { periodsOf, type BusinessCalendar } from './business-calendar.js';
import { addDays, localDateOf, zonedInstant } from './zoned-day.js';

/**
 * Business-time arithmetic over a calendar in a zone, to the second (instants are cut to
 * whole seconds). The SQL functions of tenant rung 011 (_add_business_hours,
 * _business_hours_between) compute the same answers; a property test holds them equal.
 */

/** At most this many days are walked looking for working time (a calendar with none gives null). */
export const MAX_DAYS = 3660;

const toMs = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v));
  return Number.isNaN(t) ? null : Math.floor(t / 1000) * 1000;
};

/** The working spans [start, end) of one day as epoch milliseconds. */
const spansOf = (date: string, calendar: BusinessCalendar, zone: string): Array<[number, number]> =>
  periodsOf(date, calendar).map((p) => [zonedInstant(date, p.start, zone).getTime(), zonedInstant(date, p.end, zone).getTime()]);

/** The instant `hours` working hours after `start` (ISO text); null for no start, negative hours or no working time. */
export const addBusinessHours = (start: unknown, hours: unknown, calendar: BusinessCalendar, zone: string): string | null => {
  const from = toMs(start);
  const h = hours === null || hours === undefined || hours === '' ? NaN : Number(hours);
  if (from === null || !Number.isFinite(h) || h < 0) return null;
  let remaining = Math.round(h * 3600) * 1000;
  if (remaining === 0) return new Date(from).toISOString();
  let date = localDateOf(from, zone);
  for (let n = 0; n < MAX_DAYS; n++, date = addDays(date, 1)) {
    for (const [s0, e] of spansOf(date, calendar, zone)) {
      const s = Math.max(s0, from);
      if (e <= s) continue;
      if (remaining <= e - s) return new Date(s + remaining).toISOString();
      remaining -= e - s;
    }
  }
  return null;
};

/** Working hours from a to b (negative when b is earlier), rounded to 4 decimals; null when either is missing. */
export const businessHoursBetween = (a: unknown, b: unknown, calendar: BusinessCalendar, zone: string): number | null => {
  const x0 = toMs(a);
  const y0 = toMs(b);
  if (x0 === null || y0 === null) return null;
  const sign = y0 < x0 ? -1 : 1;
  const [x, y] = sign < 0 ? [y0, x0] : [x0, y0];
  let seconds = 0;
  const last = localDateOf(y, zone);
  for (let date = localDateOf(x, zone); date <= last; date = addDays(date, 1)) {
    for (const [s0, e0] of spansOf(date, calendar, zone)) {
      const s = Math.max(s0, x);
      const e = Math.min(e0, y);
      if (e > s) seconds += (e - s) / 1000;
    }
  }
  // seconds / 3600 to 4 decimals is seconds * 25 / 9 ten-thousandths: never a tie, so it rounds as SQL's round(…, 4).
  const v = Math.round((seconds * 25) / 9) / 10000;
  return sign * v || 0;
};
