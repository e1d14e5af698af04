import { todayIn, type RecordContext } from '../../../core/index.js';

/** Today as YYYY-MM-DD in the tenant's zone (the record context's clock when it has one). */
export const today = (ctx?: RecordContext): string => todayIn(ctx?.time?.timeZone ?? 'UTC', ctx?.now ?? new Date());

/** Equal as stored values: null and undefined alike, numbers and their text alike. */
export const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null) || (a != null && b != null && String(a) === String(b));

/** The fields of `data` whose value differs from `old`. */
export const changedFields = (data: Record<string, unknown>, old: Record<string, unknown> | undefined, fields?: string[]): string[] =>
  (fields ?? Object.keys(data)).filter((f) => f in data && !same(data[f], old?.[f]));

/** Full rights for what an allowed change brings with it (core's one definition). */
export { withSystemRights } from '../../../core/index.js';

/** Order states that count as sales (confirmed by the customer and not cancelled). */
export const SOLD_STATES = ['confirmed', 'paid', 'shipped', 'completed'] as const;

/** Opportunity stages that end it. */
export const CLOSED_STAGES = ['won', 'lost'];
