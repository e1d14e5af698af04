/**
 * Time in a tenant's zone: calendar days, $today, business calendars and business-hours
 * arithmetic. Pure and browser-safe (date-fns 4 and @date-fns/tz only), so the studio and
 * the rule language share it.
 */
export { isTimeZone, localDateOf, todayIn, zonedInstant, startOfDayIn, dayNumber, dateOfDayNumber, addDays, addMonths, daysBetween, weekdayOf, dateParts } from './zoned-day.js';
export { WEEKDAYS, DEFAULT_CALENDAR, periodsOf, type Weekday, type WorkingPeriod, type CalendarDay, type AdjustedWorkday, type BusinessCalendar } from './business-calendar.js';
export { addBusinessHours, businessHoursBetween, MAX_DAYS } from './business-hours.js';

/** What time means in one tenant: its zone and its business calendar. */
export interface TenantTime {
  timeZone: string;
  calendar: import('./business-calendar.js').BusinessCalendar;
}
