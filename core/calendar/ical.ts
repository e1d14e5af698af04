import { TZDate } from '@date-fns/tz';
import { floatingOf } from './expand-occurrences.js';

/** A person on an event: an address, a name, and their answer (PARTSTAT). */
export interface IcalPerson {
  email: string;
  name?: string;
  partstat?: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
}

/** One VEVENT. Timed events are written in UTC, or with TZID when they repeat (so they repeat on the zone's wall clock). */
export interface IcalEvent {
  uid: string;
  start: Date;
  end: Date;
  timeZone: string;
  allDay?: boolean;
  summary: string;
  description?: string | null;
  location?: string | null;
  rrule?: string | null;
  /** Local dates ('YYYY-MM-DD') of left-out occurrences. */
  exceptions?: readonly string[];
  organizer?: IcalPerson;
  attendees?: readonly IcalPerson[];
  /** When it was last changed (DTSTAMP, LAST-MODIFIED). */
  stamp: Date;
  sequence?: number;
  cancelled?: boolean;
}

export interface IcalCalendar {
  prodId: string;
  name?: string;
  /** REQUEST for an invitation; none for a feed. */
  method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  events: readonly IcalEvent[];
}

const encoder = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export const escapeText = (value: string): string => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): CRLF and one space before each
 * continuation, never splitting a UTF-8 character.
 */
export const foldLine = (line: string): string => {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const max = parts.length ? 74 : 75;
    if (octets + size > max) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
};

const pad = (n: number): string => String(n).padStart(2, '0');
const utc = (d: Date): string => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
const floatingText = (f: Date): string => utc(f).slice(0, -1);
const dateText = (d: Date, zone: string): string => floatingText(floatingOf(d, zone)).slice(0, 8);
const quoted = (v: string): string => `"${v.replace(/"/g, "'")}"`;
const offsetText = (minutes: number): string => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
const offsetAt = (ms: number, zone: string): number => -new TZDate(ms, zone).getTimezoneOffset();

/**
 * A VTIMEZONE for a zone over the years [from, from + years): its offset changes found day
 * by day then to the minute, each written as a STANDARD or DAYLIGHT part; a zone without
 * changes gets one STANDARD part.
 */
export const vtimezone = (zone: string, from: Date, years = 3): string[] => {
  const start = Date.UTC(from.getUTCFullYear(), 0, 1);
  const end = Date.UTC(from.getUTCFullYear() + years, 0, 1);
  const DAY = 86_400_000;
  const parts: string[][] = [];
  const first = offsetAt(start, zone);
  let prev = first;
  for (let t = start + DAY; t <= end; t += DAY) {
    const now = offsetAt(t, zone);
    if (now === prev) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
      if (offsetAt(mid, zone) === prev) lo = mid;
      else hi = mid;
    }
    const kind = now > prev ? 'DAYLIGHT' : 'STANDARD';
    parts.push([`BEGIN:${kind}`, `DTSTART:${floatingText(new Date(hi + prev * 60_000))}`, `TZOFFSETFROM:${offsetText(prev)}`, `TZOFFSETTO:${offsetText(now)}`, `END:${kind}`]);
    prev = now;
  }
  if (!parts.length) parts.push(['BEGIN:STANDARD', `DTSTART:${floatingText(new Date(start + first * 60_000))}`, `TZOFFSETFROM:${offsetText(first)}`, `TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD']);
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...parts.flat(), 'END:VTIMEZONE'];
};

const person = (prop: string, p: IcalPerson, rsvp: boolean): string => {
  const params = [p.name ? `;CN=${quoted(p.name)}` : '', p.partstat ? `;PARTSTAT=${p.partstat}` : '', rsvp ? ';RSVP=TRUE' : ''].join('');
  return `${prop}${params}:mailto:${p.email}`;
};

const eventLines = (e: IcalEvent, method?: string): string[] => {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utc(e.stamp)}`, `LAST-MODIFIED:${utc(e.stamp)}`, `SEQUENCE:${e.sequence ?? 0}`];
  const zoned = !e.allDay && !!e.rrule;
  if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${dateText(e.start, e.timeZone)}`, `DTEND;VALUE=DATE:${dateText(e.end, e.timeZone)}`);
  else if (zoned) lines.push(`DTSTART;TZID=${e.timeZone}:${floatingText(floatingOf(e.start, e.timeZone))}`, `DTEND;TZID=${e.timeZone}:${floatingText(floatingOf(e.end, e.timeZone))}`);
  else lines.push(`DTSTART:${utc(e.start)}`, `DTEND:${utc(e.end)}`);
  if (e.rrule) lines.push(`RRULE:${e.rrule.trim().replace(/^RRULE:/i, '')}`);
  if (e.rrule && e.exceptions?.length) {
    const time = floatingText(floatingOf(e.start, e.timeZone)).slice(8);
    const dates = e.exceptions.map((d) => d.replace(/-/g, ''));
    lines.push(e.allDay ? `EXDATE;VALUE=DATE:${dates.join(',')}` : `EXDATE;TZID=${e.timeZone}:${dates.map((d) => d + time).join(',')}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.organizer) lines.push(person('ORGANIZER', e.organizer, false));
  for (const a of e.attendees ?? []) lines.push(person('ATTENDEE', a, method === 'REQUEST' && (a.partstat ?? 'NEEDS-ACTION') === 'NEEDS-ACTION'));
  lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  return lines;
};

/** An iCalendar object (RFC 5545) as text: CRLF line ends, folded lines, escaped values, a VTIMEZONE for each zone a repeating event uses. */
export const icalText = (cal: IcalCalendar): string => {
  const zones = new Map<string, Date>();
  for (const e of cal.events) if (e.rrule && !e.allDay && (!zones.has(e.timeZone) || e.start < zones.get(e.timeZone)!)) zones.set(e.timeZone, e.start);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    ...(cal.method ? [`METHOD:${cal.method}`] : []),
    ...(cal.name ? [`X-WR-CALNAME:${escapeText(cal.name)}`] : []),
    ...[...zones].flatMap(([zone, from]) => vtimezone(zone, from)),
    ...cal.events.flatMap((e) => eventLines(e, cal.method)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
};
