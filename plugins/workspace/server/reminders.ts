import type { RecordData } from '../../../core/index.js';
import { occurrencesOf } from './occurrences.js';

const MINUTE = 60_000;
const YEAR = 366 * 86_400_000;

/**
 * When an appointment's next reminder is due: its reminder minutes before the first
 * occurrence whose reminder is later than the last one sent (`reminded_for`), and not
 * earlier than an hour ago (a reminder for what has started is of no use). Null without
 * reminder minutes, or when cancelled or nothing is left.
 */
export const nextReminder = (a: RecordData, zone: string, now: Date): string | null => {
  if (a.reminder_minutes == null || a.reminder_minutes === '' || a.status === 'cancelled' || !a.starts_at || !a.ends_at) return null;
  const lead = Number(a.reminder_minutes) * MINUTE;
  const after = Math.max(a.reminded_for ? Date.parse(String(a.reminded_for)) : -Infinity, now.getTime() - 3_600_000);
  const from = new Date(after + lead + 1);
  const next = occurrencesOf(a, zone, from, new Date(from.getTime() + YEAR)).find((o) => o.start.getTime() - lead > after);
  return next ? new Date(next.start.getTime() - lead).toISOString() : null;
};

/** When a task's reminder is due: its reminder minutes before it is due (null without either). */
export const taskReminder = (t: RecordData): string | null =>
  t.due && t.reminder_minutes != null && t.reminder_minutes !== '' ? new Date(Date.parse(String(t.due)) - Number(t.reminder_minutes) * MINUTE).toISOString() : null;
