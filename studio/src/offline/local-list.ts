import { ruleAccepts } from '../../../core/rules/evaluate.js';
import { todayIn } from '../../../core/time/index.js';
import type { ListPage, RecordData } from '../api/types.js';

/** What a rule evaluated on the device knows besides the record: the user, $today in the tenant's zone, $now. */
export interface RuleClock {
  user: unknown;
  timeZone: string;
  now: Date;
}

/** The record with the values a rule reads alongside it ($user, $today, $now), as on the server. */
export const ruleData = (record: RecordData, clock: RuleClock): Record<string, unknown> => ({
  ...record,
  $user: clock.user ?? null,
  $today: todayIn(clock.timeZone, clock.now),
  $now: clock.now.toISOString(),
});

/** The default page size of a list (the online list's when the view sets none). */
export const LOCAL_PAGE_SIZE = 50;

/** The opaque cursor of a list page from the device's copy: where the next page starts. */
const LOCAL_CURSOR = /^local:(\d+)$/;
export const isLocalCursor = (cursor: unknown): boolean => typeof cursor === 'string' && LOCAL_CURSOR.test(cursor);
const startOf = (cursor: unknown): number => (typeof cursor === 'string' ? Number(LOCAL_CURSOR.exec(cursor)?.[1] ?? 0) : 0);

/**
 * A list from the device's copy: the same json-logic filter (with $today in the tenant's
 * zone), a plain search over text values, one sort key, and pages of `limit` records with
 * a cursor to the next page and the total, as the online list answers.
 */
export const listFromCopy = (records: RecordData[], query: Record<string, string | number | undefined>, clock: RuleClock): ListPage => {
  const filter = typeof query.filter === 'string' && query.filter ? (JSON.parse(query.filter) as unknown) : undefined;
  const q = typeof query.q === 'string' ? query.q.toLowerCase() : '';
  const rows = records.filter((r) => {
    if (filter !== undefined && !ruleAccepts(filter as never, ruleData(r, clock))) return false;
    return !q || Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(q));
  });
  const sort = typeof query.sort === 'string' && query.sort ? query.sort.split(',')[0] : '-updated_at';
  const [key, dir] = sort.startsWith('-') ? [sort.slice(1), -1] : [sort, 1];
  rows.sort((a, b) => String(a[key] ?? '').localeCompare(String(b[key] ?? '')) * dir || String(a.id).localeCompare(String(b.id)));
  const limit = Math.max(1, Number(query.limit ?? LOCAL_PAGE_SIZE) || LOCAL_PAGE_SIZE);
  const start = Math.min(startOf(query.cursor), rows.length);
  const end = start + limit;
  return { data: rows.slice(start, end), nextCursor: end < rows.length ? `local:${end}` : null, total: rows.length };
};
