import { CronExpressionParser } from 'cron-parser';

/**
 * The latest slot of a cron expression in (after, now], or undefined when none fell in
 * that span. Missed slots (a worker down for hours) fire once, not once per slot.
 */
export const dueSlot = (cron: string, timezone: string | undefined, after: Date, now: Date): Date | undefined => {
  const expr = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: timezone || 'UTC' });
  const slot = expr.prev().toDate();
  return slot.getTime() > after.getTime() && slot.getTime() <= now.getTime() ? slot : undefined;
};
