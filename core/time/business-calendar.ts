import { weekdayOf } from './zoned-day.js';

/**
 * A tenant's business calendar: working hours per weekday, holidays (no work) and adjusted
 * working days (a weekend day worked in exchange for a holiday, as China's make-up
 * workdays, with the hours of `as`, Monday by default). A holiday wins over an adjusted day.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock hours 'HH:MM' to 'HH:MM' (end up to '24:00'), start before end. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

export interface CalendarDay {
  date: string;
  name?: string;
}

export interface AdjustedWorkday extends CalendarDay {
  /** Works with the hours of this weekday (default: mon). */
  as?: Weekday;
}

export interface BusinessCalendar {
  workingHours: Partial<Record<Weekday, WorkingPeriod[]>>;
  holidays?: CalendarDay[];
  adjustedWorkdays?: AdjustedWorkday[];
}

const nineToSix = [{ start: '09:00', end: '18:00' }];

/** Monday to Friday 09:00–18:00, no holidays. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  workingHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
  holidays: [],
  adjustedWorkdays: [],
};

/** The working periods of one calendar day, in order. */
export const periodsOf = (date: string, calendar: BusinessCalendar): WorkingPeriod[] => {
  if (calendar.holidays?.some((h) => h.date === date)) return [];
  const adjusted = calendar.adjustedWorkdays?.find((a) => a.date === date);
  const day: Weekday = adjusted ? (adjusted.as ?? 'mon') : WEEKDAYS[weekdayOf(date)];
  return calendar.workingHours[day] ?? [];
};
