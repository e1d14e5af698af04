import type { RecordContext, RecordData } from '../../../core/index.js';

/** How far busy time is kept ahead of now (and behind it), for conflicts and free/busy. */
export const HORIZON_AHEAD_DAYS = 730;
export const HORIZON_BEHIND_DAYS = 90;
const DAY = 86_400_000;

/** The window busy slots are kept for, around `now`. */
export const horizonOf = (now: Date): { from: Date; to: Date } => ({ from: new Date(now.getTime() - HORIZON_BEHIND_DAYS * DAY), to: new Date(now.getTime() + HORIZON_AHEAD_DAYS * DAY) });

/** The tenant's zone for a record context (UTC when it has none). */
export const zoneOf = (ctx: { time?: { timeZone: string } }): string => ctx.time?.timeZone ?? 'UTC';

/** Full rights for what an allowed change brings with it (core's one definition). */
export { withSystemRights } from '../../../core/index.js';

/** A uuid text. */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Equal as stored values: null and undefined alike, instants by time. */
export const same = (a: unknown, b: unknown): boolean => {
  if ((a ?? null) === (b ?? null)) return true;
  if (a == null || b == null) return false;
  const ta = Date.parse(String(a));
  const tb = Date.parse(String(b));
  return String(a) === String(b) || (!Number.isNaN(ta) && ta === tb && /\d{4}-\d{2}-\d{2}T/.test(String(a)));
};

/** The skipped dates of an appointment: 'YYYY-MM-DD' texts from its comma-separated field. */
export const exceptionsOf = (record: RecordData): string[] =>
  String(record.exceptions ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);

/** Busy-time holders: "user:<id>" and "contact:<id>". */
export const userHolder = (id: string): string => `user:${id}`;
export const contactHolder = (id: string): string => `contact:${id}`;
