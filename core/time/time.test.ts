import { describe, expect, it } from 'vitest';
import { addBusinessHours, addDays, addMonths, businessHoursBetween, DEFAULT_CALENDAR, daysBetween, isTimeZone, periodsOf, startOfDayIn, todayIn, weekdayOf, type BusinessCalendar } from './index.js';

describe('days in a zone', () => {
  it('gives a Beijing user the Beijing date before 08:00 there, when UTC is still on the day before', () => {
    const now = new Date('2026-03-01T23:30:00Z'); // 2026-03-02 07:30 in Beijing
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-03-02');
    expect(todayIn('UTC', now)).toBe('2026-03-01');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-01');
    expect(startOfDayIn('2026-03-02', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('knows IANA zones and counts calendar days across months, leap days and DST', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect([addMonths('2026-01-31', 1), addMonths('2028-01-31', 1), addMonths('2026-11-15', 3), addMonths('2026-03-31', -13)]).toEqual(['2026-02-28', '2028-02-29', '2027-02-15', '2025-02-28']);
    expect(daysBetween('2026-03-07', '2026-03-10')).toBe(3);
    expect(weekdayOf('2026-03-06')).toBe(5);
    // 2026-03-08 is the start of US daylight saving time: the day has 23 hours.
    expect(businessHoursBetween('2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z', DEFAULT_CALENDAR, 'America/New_York')).toBe(18);
  });
});

describe('business calendar', () => {
  const cal: BusinessCalendar = {
    workingHours: { mon: [{ start: '09:00', end: '18:00' }], sat: [{ start: '10:00', end: '12:00' }] },
    holidays: [{ date: '2026-03-09' }],
    adjustedWorkdays: [{ date: '2026-03-14', as: 'mon' }],
  };

  it('takes a holiday off, an adjusted day at the hours it works as, and a weekday by its own hours', () => {
    expect(periodsOf('2026-03-09', cal)).toEqual([]);
    expect(periodsOf('2026-03-14', cal)).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(periodsOf('2026-03-21', cal)).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(periodsOf('2026-03-10', cal)).toEqual([]);
  });

  it('adds hours that end exactly at closing on that day, and gives null with no working time or bad input', () => {
    expect(addBusinessHours('2026-03-16T09:00:00Z', 9, cal, 'UTC')).toBe('2026-03-16T18:00:00.000Z');
    expect(addBusinessHours('2026-03-16T09:00:00Z', 0, cal, 'UTC')).toBe('2026-03-16T09:00:00.000Z');
    expect(addBusinessHours('2026-03-16T09:00:00Z', -1, cal, 'UTC')).toBeNull();
    expect(addBusinessHours(null, 1, cal, 'UTC')).toBeNull();
    expect(addBusinessHours('2026-03-16T09:00:00Z', 1, { workingHours: {} }, 'UTC')).toBeNull();
    expect(businessHoursBetween('2026-03-16T09:00:00Z', '2026-03-16T09:20:00Z', cal, 'UTC')).toBe(0.3333);
  });
});
