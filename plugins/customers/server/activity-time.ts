import { localDateOf, startOfDayIn, type BeforeHook } from '../../../core/index.js';

const instantOf = (value: unknown): Date | null => {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * 交往时间: an activity may carry its time (`starts_at`) besides its day. The day follows the time in
 * the tenant's zone; a new day given alone moves the time to that day at the same clock time.
 * An unreadable time is left for validation to name.
 */
export const beforeActivityWrite: BeforeHook = (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete') return;
  const zone = ctx.time?.timeZone ?? 'UTC';
  const at = instantOf(data.starts_at);
  if (at) {
    data.date = localDateOf(at, zone);
    return;
  }
  const before = instantOf(old?.starts_at);
  if (!before || 'starts_at' in data || typeof data.date !== 'string' || !data.date) return;
  const oldDay = localDateOf(before, zone);
  if (oldDay === data.date.slice(0, 10)) return;
  const sinceMidnight = before.getTime() - startOfDayIn(oldDay, zone).getTime();
  data.starts_at = new Date(startOfDayIn(data.date.slice(0, 10), zone).getTime() + sinceMidnight).toISOString();
};
