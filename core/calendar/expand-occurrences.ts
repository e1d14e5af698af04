import { TZDate } from '@date-fns/tz';
import rrulePkg from 'rrule';
import { problem } from '../errors.js';

const { rrulestr } = rrulePkg;

/** One occurrence: the instants it starts and ends. */
export interface Occurrence {
  start: Date;
  end: Date;
}

/**
 * An event as people enter it: its first occurrence (instants; for an all-day event, the
 * start of its first day and of the day after its last, in the zone), and optionally an
 * RRULE (RFC 5545 text without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO;COUNT=10") repeated on the
 * wall clock of `timeZone`, less the occurrences whose local start date is in `exceptions`.
 */
export interface RepeatingEvent {
  start: Date;
  end: Date;
  timeZone: string;
  allDay?: boolean;
  rrule?: string | null;
  /** Local dates ('YYYY-MM-DD') of occurrences left out (EXDATE). */
  exceptions?: readonly string[];
}

/** At most this many occurrences are expanded for one event in one window. */
export const MAX_OCCURRENCES = 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall clock of an instant in the zone, as the same numbers on the UTC clock ("floating" time). */
export const floatingOf = (instant: Date, zone: string): Date => {
  const t = new TZDate(instant.getTime(), zone);
  return new Date(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds()));
};

/** The instant the wall clock of the zone shows a floating time (the inverse of floatingOf). */
export const instantOf = (floating: Date, zone: string): Date =>
  new Date(new TZDate(floating.getUTCFullYear(), floating.getUTCMonth(), floating.getUTCDate(), floating.getUTCHours(), floating.getUTCMinutes(), floating.getUTCSeconds(), zone).getTime());

const dateOfFloating = (f: Date): string => `${f.getUTCFullYear()}-${pad(f.getUTCMonth() + 1)}-${pad(f.getUTCDate())}`;

/** Parses an RRULE text, refusing what the rrule library cannot read (problem INVALID_RECURRENCE). */
export const parseRule = (rule: string, dtstart: Date) => {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (!/^FREQ=/i.test(text) && !/;FREQ=/i.test(text)) throw problem('INVALID_RECURRENCE', { rule: text.slice(0, 100) });
  try {
    return rrulestr(`RRULE:${text}`, { dtstart });
  } catch {
    throw problem('INVALID_RECURRENCE', { rule: text.slice(0, 100) });
  }
};

/**
 * The occurrences of an event that overlap [from, to), in order. A repeating event repeats
 * on the zone's wall clock (09:00 Beijing stays 09:00 Beijing; 09:00 in Berlin moves in UTC
 * when summer time starts), each occurrence as long as the first in elapsed time (all-day
 * events: the same number of days).
 */
export const expandOccurrences = (event: RepeatingEvent, from: Date, to: Date, limit = MAX_OCCURRENCES): Occurrence[] => {
  const span = event.end.getTime() - event.start.getTime();
  if (!(span > 0)) return [];
  if (!event.rrule) return event.start < to && event.end > from ? [{ start: event.start, end: event.end }] : [];
  const zone = event.timeZone;
  const first = floatingOf(event.start, zone);
  const days = Math.max(1, Math.round(span / 86_400_000));
  const rule = parseRule(event.rrule, first);
  const skip = new Set(event.exceptions ?? []);
  // Floating bounds with a margin of two days for the zone's offset, widened by the length.
  const lo = new Date(floatingOf(from, 'UTC').getTime() - 2 * 86_400_000 - span);
  const hi = new Date(floatingOf(to, 'UTC').getTime() + 2 * 86_400_000);
  const out: Occurrence[] = [];
  rule.between(lo, hi, true, (f) => {
    if (skip.has(dateOfFloating(f))) return true;
    const start = instantOf(f, zone);
    const end = event.allDay ? instantOf(new Date(f.getTime() + days * 86_400_000), zone) : new Date(start.getTime() + span);
    if (start < to && end > from) out.push({ start, end });
    return out.length < limit;
  });
  return out;
};
