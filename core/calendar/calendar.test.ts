import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './expand-occurrences.js';
import { escapeText, foldLine, icalText, vtimezone } from './ical.js';
import { mergeBusy } from './busy-slots.js';

const iso = (os: { start: Date; end: Date }[]) => os.map((o) => [o.start.toISOString(), o.end.toISOString()]);

describe('repeating events', () => {
  it("repeat on the zone's wall clock: 09:00 Berlin is 08:00Z in winter and 07:00Z after summer time starts", () => {
    const weekly = { start: new Date('2026-03-16T08:00:00Z'), end: new Date('2026-03-16T09:00:00Z'), timeZone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' };
    expect(iso(expandOccurrences(weekly, new Date('2026-01-01Z'), new Date('2027-01-01Z')))).toEqual([
      ['2026-03-16T08:00:00.000Z', '2026-03-16T09:00:00.000Z'],
      ['2026-03-23T08:00:00.000Z', '2026-03-23T09:00:00.000Z'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
      ['2026-04-06T07:00:00.000Z', '2026-04-06T08:00:00.000Z'],
    ]);
  });

  it('leave out exceptions by local date, keep only what overlaps the window, and repeat late-evening Beijing times on the Beijing day', () => {
    // 23:30–00:30 Beijing daily = 15:30Z; the local date of the 2nd occurrence is 2026-05-02.
    const daily = { start: new Date('2026-05-01T15:30:00Z'), end: new Date('2026-05-01T16:30:00Z'), timeZone: 'Asia/Shanghai', rrule: 'RRULE:FREQ=DAILY;COUNT=5', exceptions: ['2026-05-02'] };
    expect(iso(expandOccurrences(daily, new Date('2026-05-01T16:00:00Z'), new Date('2026-05-04T15:45:00Z'))).map((o) => o[0])).toEqual([
      '2026-05-01T15:30:00.000Z',
      '2026-05-03T15:30:00.000Z',
      '2026-05-04T15:30:00.000Z',
    ]);
  });

  it('repeat all-day events as whole days of the zone, also across a change of summer time', () => {
    const allDay = { start: new Date('2026-03-27T23:00:00Z'), end: new Date('2026-03-28T23:00:00Z'), timeZone: 'Europe/Berlin', allDay: true, rrule: 'FREQ=DAILY;COUNT=2' };
    expect(iso(expandOccurrences(allDay, new Date('2026-03-01Z'), new Date('2026-04-01Z')))).toEqual([
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ]);
  });

  it('refuse an RRULE the library cannot read, and merge busy intervals', () => {
    expect(() => expandOccurrences({ start: new Date(0), end: new Date(3_600_000), timeZone: 'UTC', rrule: 'EVERY MONDAY' }, new Date(0), new Date(1e12))).toThrow(/not a valid RRULE/);
    const d = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
    expect(mergeBusy([{ start: d(9), end: d(10) }, { start: d(12), end: d(13) }, { start: d(9), end: d(11) }, { start: d(11), end: d(12) }])).toEqual([{ start: d(9), end: d(13) }]);
  });
});

describe('iCalendar text', () => {
  it('escapes text values and folds lines at 75 octets without splitting a UTF-8 character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const line = `SUMMARY:${'客户拜访'.repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('writes a feed: UTC for single events, TZID with a VTIMEZONE for repeating ones, EXDATE, dates for all-day events, CRLF', () => {
    const stamp = new Date('2026-03-01T00:00:00Z');
    const text = icalText({
      prodId: '-//Test//EN',
      name: 'Team, East',
      events: [
        { uid: 'a@x', start: new Date('2026-03-16T08:00:00Z'), end: new Date('2026-03-16T09:00:00Z'), timeZone: 'Europe/Berlin', summary: 'Weekly; sales', rrule: 'FREQ=WEEKLY;BYDAY=MO', exceptions: ['2026-03-23', '2026-04-06'], stamp, location: 'Room A, 3rd floor' },
        { uid: 'b@x', start: new Date('2026-03-18T01:00:00Z'), end: new Date('2026-03-18T02:30:00Z'), timeZone: 'Europe/Berlin', summary: 'Call', stamp, attendees: [{ email: 'li@example.test', name: '李"华', partstat: 'ACCEPTED' }] },
        { uid: 'c@x', start: new Date('2026-03-19T23:00:00Z'), end: new Date('2026-03-21T23:00:00Z'), timeZone: 'Europe/Berlin', allDay: true, summary: 'Fair', stamp },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 4)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'CALSCALE:GREGORIAN']);
    expect(lines).toContain('X-WR-CALNAME:Team\\, East');
    expect(lines).toContain('TZID:Europe/Berlin');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20260316T090000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO');
    expect(lines).toContain('EXDATE;TZID=Europe/Berlin:20260323T090000,20260406T090000');
    expect(lines).toContain('SUMMARY:Weekly\\; sales');
    expect(lines).toContain('LOCATION:Room A\\, 3rd floor');
    expect(lines).toContain('DTSTART:20260318T010000Z');
    expect(lines).toContain("ATTENDEE;CN=\"李'华\";PARTSTAT=ACCEPTED:mailto:li@example.test");
    expect(lines).toContain('DTSTART;VALUE=DATE:20260320');
    expect(lines).toContain('DTEND;VALUE=DATE:20260322');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines[lines.length - 2]).toBe('END:VCALENDAR');
  });

  it("describes a zone's offset changes in its VTIMEZONE, and one STANDARD part for a zone without them", () => {
    const berlin = vtimezone('Europe/Berlin', new Date('2026-03-16Z'), 1);
    expect(berlin).toEqual([
      'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
      'BEGIN:DAYLIGHT', 'DTSTART:20260329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'DTSTART:20261025T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'END:VTIMEZONE',
    ]);
    expect(vtimezone('Asia/Shanghai', new Date('2026-01-01Z'))).toContain('TZOFFSETTO:+0800');
  });
});
