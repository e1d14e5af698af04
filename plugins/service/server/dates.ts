import { addMonths, todayIn, type RecordContext } from '../../../core/index.js';

/** Today in the tenant's time zone, for the record context's clock. */
export const todayOf = (ctx: RecordContext): string => todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());

/** The date as YYYY-MM-DD, or undefined. */
export const dateOf = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);

/** The first time a yearly date (a birthday) falls on or after `today`; 29 February is kept on the 28th in other years. */
export const nextAnniversary = (date: string, today: string): string => {
  const on = (year: number) => addMonths(date, (year - Number(date.slice(0, 4))) * 12);
  const year = Number(today.slice(0, 4));
  return on(year) >= today ? on(year) : on(year + 1);
};
