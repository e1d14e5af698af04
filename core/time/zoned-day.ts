import { TZDate } from '@date-fns/tz';

/**
 * Calendar days and instants in a tenant's time zone. A date is 'YYYY-MM-DD' (a day on the
 * calendar, no zone); an instant is a Date or an ISO-8601 string. Date arithmetic on
 * calendar days runs on the UTC calendar, where every day has 24 hours.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Whether the runtime knows the IANA zone ('Asia/Shanghai', 'UTC'). */
export const isTimeZone = (zone: unknown): zone is string => {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The calendar day of an instant in the zone. */
export const localDateOf = (instant: Date | number, zone: string): string => {
  const d = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), zone);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** Today in the zone ($today): the Beijing date for a Beijing tenant, whatever the server's zone. */
export const todayIn = (zone: string, now: Date = new Date()): string => localDateOf(now, zone);

/** [year, month 1-12, day] of a 'YYYY-MM-DD…' text, or undefined. */
export const dateParts = (date: string): [number, number, number] | undefined => {
  const m = DATE.exec(date);
  return m ? [+m[1], +m[2], +m[3]] : undefined;
};

/** The instant at which the wall clock in the zone reads `time` ('HH:MM', up to '24:00') on `date`. */
export const zonedInstant = (date: string, time: string, zone: string): Date => {
  const [y, m, d] = dateParts(date) ?? [1970, 1, 1];
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, zone).getTime());
};

/** The instant the day starts in the zone. */
export const startOfDayIn = (date: string, zone: string): Date => zonedInstant(date, '00:00', zone);

/** Days since 1970-01-01 of a calendar day, or null for an unreadable one. */
export const dayNumber = (date: unknown): number | null => {
  if (date === null || date === undefined || date === '') return null;
  const p = dateParts(String(date));
  if (!p) return null;
  const t = Date.UTC(p[0], p[1] - 1, p[2]);
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
};

/** The calendar day of a day number. */
export const dateOfDayNumber = (n: number): string => {
  const d = new Date(n * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** `date` plus n calendar days. */
export const addDays = (date: string, n: number): string => dateOfDayNumber((dayNumber(date) ?? 0) + Math.trunc(n));

/** `date` plus n calendar months, on the same day or the month's last when it is shorter (31 January + 1 → 28/29 February). */
export const addMonths = (date: string, n: number): string => {
  const [y, m, d] = dateParts(date) ?? [1970, 1, 1];
  const index = y * 12 + (m - 1) + Math.trunc(n);
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
};

/** Calendar days from a to b (b - a). */
export const daysBetween = (a: string, b: string): number => (dayNumber(b) ?? 0) - (dayNumber(a) ?? 0);

/** 0 = Sunday … 6 = Saturday, of a calendar day. */
export const weekdayOf = (date: string): number => new Date((dayNumber(date) ?? 0) * 86_400_000).getUTCDay();
