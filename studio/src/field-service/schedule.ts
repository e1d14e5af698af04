import { addDays, startOfDayIn } from '../../../core/time/index.js';
import type { WorkOrder } from './field-service-api.js';

const HOUR = 3_600_000;
/** A job dropped on a day without a time of its own starts at 09:00 and lasts two hours. */
export const DAY_START_HOUR = 9;
export const DEFAULT_HOURS = 2;

/** The local days of the board, from `from`. */
export const boardDays = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

/** The local date (tenant zone) an instant falls on. */
export const localDate = (iso: string, zone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/** Whether two jobs share time. */
const clash = (a: WorkOrder, b: WorkOrder): boolean =>
  Date.parse(String(a.scheduled_start)) < Date.parse(String(b.scheduled_end)) && Date.parse(String(b.scheduled_start)) < Date.parse(String(a.scheduled_end));

/** The ids of jobs that overlap another job of the same engineer. */
export const overlappingIds = (orders: WorkOrder[]): Set<string> => {
  const out = new Set<string>();
  for (const a of orders) for (const b of orders) if (a.id !== b.id && a.engineer && a.engineer === b.engineer && clash(a, b)) out.add(a.id);
  return out;
};

/**
 * Where a job dropped on an engineer's day goes: after the last job already there (else
 * 09:00 local), keeping the job's own length when it has one.
 */
export const slotFor = (order: WorkOrder, date: string, sameDay: WorkOrder[], zone: string): { start: string; end: string } => {
  const length = order.scheduled_start && order.scheduled_end ? Date.parse(order.scheduled_end) - Date.parse(order.scheduled_start) : DEFAULT_HOURS * HOUR;
  const opening = startOfDayIn(date, zone).getTime() + DAY_START_HOUR * HOUR;
  const others = sameDay.filter((o) => o.id !== order.id && o.scheduled_end);
  const start = Math.max(opening, ...others.map((o) => Date.parse(String(o.scheduled_end))));
  return { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
};

/** Monday of the week `date` is in. */
export const weekStart = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
