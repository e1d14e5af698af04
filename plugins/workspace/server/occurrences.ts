import { expandOccurrences, type Occurrence, type RecordData } from '../../../core/index.js';
import { exceptionsOf } from './shared.js';

/** An appointment's repeating event (its start and end, all-day flag, RRULE and skipped dates) in the zone. */
export const eventOf = (a: RecordData, zone: string) => ({
  start: new Date(String(a.starts_at)),
  end: new Date(String(a.ends_at)),
  timeZone: zone,
  allDay: !!a.all_day,
  rrule: (a.recurrence as string | null) || null,
  exceptions: exceptionsOf(a),
});

/** The occurrences of an appointment in [from, to). */
export const occurrencesOf = (a: RecordData, zone: string, from: Date, to: Date): Occurrence[] => expandOccurrences(eventOf(a, zone), from, to);
