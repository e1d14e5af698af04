import { invalidInput, problem, type Locale } from '../../errors.js';
import type { RecordContext } from '../../records/index.js';
import { todayIn } from '../../time/index.js';
import { sendNotice } from './approval-notices.js';

/** An approver's out-of-office delegate for a range of days (inclusive, in the tenant's zone). */
export interface Delegation {
  user_id: string;
  delegate_id: string;
  starts_on: string;
  ends_on: string;
  set_by: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COLUMNS = ['user_id', 'delegate_id', 'starts_on', 'ends_on', 'set_by'] as const;

/** Today in the tenant's time zone (the day delegations are judged by). */
export const todayOf = (ctx: Pick<RecordContext, 'time' | 'now'>): string => todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());

const asDay = (v: unknown): string | undefined => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === 'string' ? v.slice(0, 10) : undefined;
};
const shaped = (row: Record<string, unknown>): Delegation => ({
  user_id: row.user_id as string, delegate_id: row.delegate_id as string, starts_on: asDay(row.starts_on)!, ends_on: asDay(row.ends_on)!, set_by: (row.set_by as string | null) ?? null,
});

/** Whether the delegation covers the day. */
export const coversDay = (d: Pick<Delegation, 'starts_on' | 'ends_on'>, day: string): boolean => d.starts_on <= day && day <= d.ends_on;

/** The user's delegation (active or not), if any. */
export const readDelegation = async (userId: string, ctx: RecordContext): Promise<Delegation | undefined> => {
  const row = UUID.test(userId) ? await ctx.db('_wf_delegations').where({ user_id: userId }).first(...COLUMNS) : undefined;
  return row ? shaped(row) : undefined;
};

/** The delegations active today that name the users (as approvers), by approver. */
export const activeDelegationsOf = async (userIds: string[], ctx: RecordContext): Promise<Map<string, Delegation>> => {
  const ids = userIds.filter((id) => UUID.test(id));
  if (!ids.length) return new Map();
  const today = todayOf(ctx);
  const rows = await ctx.db('_wf_delegations').whereIn('user_id', ids).where('starts_on', '<=', today).where('ends_on', '>=', today).select(...COLUMNS);
  return new Map(rows.map((r: Record<string, unknown>) => [r.user_id as string, shaped(r)]));
};

/** The approvers who delegated to the user, active today. */
export const delegatorsOf = async (delegateId: string, ctx: RecordContext): Promise<string[]> => {
  const today = todayOf(ctx);
  return ctx.db('_wf_delegations').where({ delegate_id: delegateId }).where('starts_on', '<=', today).where('ends_on', '>=', today).pluck('user_id');
};

/**
 * Validates and stores a user's delegate (one per user; a new one replaces the old). The
 * delegate must be another active user of the tenant (`delegateActive`, looked up by the
 * caller); days are `YYYY-MM-DD`, the end not before the start nor in the past. 400 naming the fields.
 * The delegate is told, in their language.
 */
export const saveDelegation = async (
  input: { userId: string; delegateId: unknown; startsOn: unknown; endsOn: unknown },
  ctx: RecordContext,
  delegateActive: boolean,
  notice: { approverName: string; locales?: Record<string, Locale> },
): Promise<Delegation> => {
  const errors: { field: string; message: string }[] = [];
  const { delegateId, startsOn, endsOn } = input;
  if (typeof delegateId !== 'string' || !UUID.test(delegateId) || !delegateActive) errors.push({ field: 'delegateId', message: 'an active user of this tenant' });
  else if (delegateId === input.userId) errors.push({ field: 'delegateId', message: 'someone other than the absent user' });
  const validDay = (v: unknown) => typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  if (!validDay(startsOn)) errors.push({ field: 'startsOn', message: 'a date (YYYY-MM-DD)' });
  if (!validDay(endsOn)) errors.push({ field: 'endsOn', message: 'a date (YYYY-MM-DD)' });
  else if (validDay(startsOn) && (endsOn as string) < (startsOn as string)) errors.push({ field: 'endsOn', message: 'not before the start' });
  else if ((endsOn as string) < todayOf(ctx)) errors.push({ field: 'endsOn', message: 'today or later' });
  if (errors.length) throw invalidInput('The out-of-office delegation is not valid', errors);
  const row = { user_id: input.userId, delegate_id: delegateId as string, starts_on: startsOn as string, ends_on: endsOn as string, set_by: ctx.actor.id };
  await ctx.db.raw(
    `insert into _wf_delegations (user_id, delegate_id, starts_on, ends_on, set_by) values (?, ?, ?, ?, ?)
     on conflict (user_id) do update set delegate_id = excluded.delegate_id, starts_on = excluded.starts_on, ends_on = excluded.ends_on, set_by = excluded.set_by, created_at = now()`,
    [row.user_id, row.delegate_id, row.starts_on, row.ends_on, row.set_by],
  );
  await sendNotice(ctx.db, [row.delegate_id], notice.locales, 'delegateSet', () => ({ approver: notice.approverName, from: row.starts_on, to: row.ends_on }));
  return row;
};

/** Ends a user's delegation; 404 when there is none. */
export const removeDelegation = async (userId: string, ctx: RecordContext): Promise<Delegation> => {
  const before = await readDelegation(userId, ctx);
  if (!before) throw problem('NO_DELEGATION');
  await ctx.db('_wf_delegations').where({ user_id: userId }).delete();
  return before;
};
