import { invalidInput, notFound, problem, type Locale } from '../../errors.js';
import { readersAmong, type Actor, type RecordContext } from '../../records/index.js';
import { approvalTitle, sendNotice } from './approval-notices.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** In what capacity someone handed an approver's place on: as a tenant admin, as that approver, or as the approver's manager. */
export type ReassignedAs = 'admin' | 'approver' | 'manager';

export interface Reassignment {
  from: string;
  to: string;
  /** Who did it. */
  by: string;
  at: string;
  /** Set by reassignments since approvers and managers may reassign: in what capacity `by` acted. */
  as?: ReassignedAs;
  /** The approver `by` acted for (`from`), when `by` is someone else. */
  onBehalfOf?: string;
  reason?: string;
}

const MAX_REASON = 500;

/**
 * In what capacity the actor may hand `from`'s place on: a tenant admin, `from` itself, or
 * `from`'s manager (the users mirror's `manager`); 403 for anyone else.
 */
const capacityOf = async (from: unknown, ctx: RecordContext): Promise<ReassignedAs> => {
  if (ctx.actor.isAdmin) return 'admin';
  if (typeof from !== 'string' || !UUID.test(from)) throw problem('REASSIGN_NOT_ALLOWED');
  if (ctx.actor.id === from) return 'approver';
  const manager = UUID.test(ctx.actor.id) ? await ctx.db('_users').where({ id: from, manager: ctx.actor.id }).first('id') : undefined;
  if (manager) return 'manager';
  throw problem('REASSIGN_NOT_ALLOWED');
};

/**
 * Gives an approver's place on a pending approval to another user: a tenant admin does it
 * for anyone, an approver for their own place, a manager for their report's (else 403);
 * approvers and managers give a reason (up to 500 characters; optional for admins). `from`
 * must be an approver (or escalation approver) who has yet to answer, `to` an active user
 * who may read the record and is not an approver already. The approval's and its journal's
 * approvers change, the reassignment is kept (`reassigned`: who, in what capacity, on whose
 * behalf, why), and both users are told in their language. `to` is resolved by the caller
 * (`toUser`, null when unknown or inactive).
 */
export const reassignApproval = async (
  input: { id: string; from: unknown; to: unknown; reason?: unknown },
  toUser: (Actor & { active?: boolean }) | null,
  ctx: RecordContext,
  names: { from: string; to: string },
  locales: Record<string, Locale> = {},
) => {
  const as = await capacityOf(input.from, ctx);
  const errors = [];
  if (typeof input.from !== 'string' || !UUID.test(input.from)) errors.push({ field: 'from', message: 'a user id' });
  if (typeof input.to !== 'string' || !UUID.test(input.to) || !toUser || toUser.active === false) errors.push({ field: 'to', message: 'an active user of this tenant' });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if ((input.reason !== undefined && input.reason !== null && typeof input.reason !== 'string') || reason.length > MAX_REASON) errors.push({ field: 'reason', message: `text of at most ${MAX_REASON} characters` });
  if (as !== 'admin' && !reason && !errors.some((e) => e.field === 'reason')) errors.push({ field: 'reason', message: 'is required: say why the approval goes to someone else' });
  if (errors.length) throw invalidInput('The reassignment is not valid', errors);
  const from = input.from as string;
  const to = input.to as string;
  const a = UUID.test(input.id) ? await ctx.db('_wf_approvals').where({ id: input.id }).forUpdate().first() : undefined;
  if (!a) throw notFound(`No approval ${String(input.id).slice(0, 80)}`);
  if (a.status !== 'pending') throw problem('ALREADY_DECIDED', { decision: a.status });
  const approvers = a.approvers as string[];
  const escalated = (a.escalated_to as string[] | null) ?? [];
  const voted = new Set<string>(await ctx.db('_wf_votes').where({ approval_id: a.id }).pluck('user_id'));
  if ((!approvers.includes(from) && !escalated.includes(from)) || voted.has(from)) throw problem('NOT_AN_OPEN_APPROVER', { name: names.from }, { errors: [{ field: 'from', message: 'an approver who has yet to answer' }] });
  if (approvers.includes(to) || escalated.includes(to)) throw problem('ALREADY_APPROVER', { name: names.to }, { errors: [{ field: 'to', message: 'not an approver already' }] });
  if (a.entity && a.record_id && !(await readersAmong(a.entity, a.record_id, [toUser!], ctx)).has(to)) {
    throw problem('REASSIGNEE_CANNOT_READ', { name: names.to }, { errors: [{ field: 'to', message: 'a user who may read the record' }] });
  }
  const swap = (list: string[]) => list.map((u) => (u === from ? to : u));
  const entry: Reassignment = { from, to, by: ctx.actor.id, at: new Date().toISOString(), as, ...(ctx.actor.id !== from ? { onBehalfOf: from } : {}), ...(reason ? { reason } : {}) };
  const reassigned: Reassignment[] = [...((a.reassigned as Reassignment[] | null) ?? []), entry];
  const next = { approvers: swap(approvers), escalated_to: a.escalated_to ? swap(escalated) : null };
  await ctx.db('_wf_approvals').where({ id: a.id }).update({ approvers: JSON.stringify(next.approvers), escalated_to: next.escalated_to && JSON.stringify(next.escalated_to), reassigned: JSON.stringify(reassigned) });
  // The waiting step's journal names the approvers as they now are, and who was reassigned.
  await ctx.db.raw(`update _wf_steps set output = coalesce(output, '{}'::jsonb) || jsonb_build_object('approvers', ?::jsonb, 'reassigned', ?::jsonb) where run_id = ? and seq = ?`, [JSON.stringify(next.approvers), JSON.stringify(reassigned), a.run_id, a.seq]);
  const about = { entity: a.entity, recordId: a.record_id, runId: a.run_id };
  await sendNotice(ctx.db, [to], locales, 'reassignedToYou', (l) => ({ from: names.from, title: approvalTitle(a, l) }), about);
  await sendNotice(ctx.db, [from], locales, 'reassignedAway', (l) => ({ to: names.to, title: approvalTitle(a, l) }), about);
  return { id: a.id, status: a.status as string, approvers: next.approvers, escalated_to: next.escalated_to, reassigned, reassignment: entry };
};
