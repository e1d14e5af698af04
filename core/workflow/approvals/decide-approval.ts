import { invalidInput, notFound, problem, type Locale } from '../../errors.js';
import { readersAmong, type RecordContext } from '../../records/index.js';
import { wakeRun } from '../runs/outbox.js';
import { approvalTitle, decisionWord, sendNotice } from './approval-notices.js';
import { activeDelegationsOf } from './delegations.js';
import { tally, type Vote } from './tally.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DecidedVote extends Vote {
  comment: string | null;
  at: string;
  /** The delegate who answered for the approver in `user_id` (null: the approver in person). */
  decided_by: string | null;
}

/**
 * Whose place the actor answers in: their own (an approver or escalation approver), else
 * that of an approver who has not answered yet and whose out-of-office delegation names
 * the actor today (`onBehalfOf` picks one when several do). A delegate who may not read
 * the record gets 403 DELEGATE_CANNOT_READ: the delegation does not apply to it.
 */
const seatOf = async (a: Record<string, unknown>, onBehalfOf: unknown, ctx: RecordContext): Promise<{ seat: string; decidedBy: string | null }> => {
  const seats = [...(a.approvers as string[]), ...((a.escalated_to as string[] | null) ?? [])];
  if (onBehalfOf === undefined && seats.includes(ctx.actor.id)) return { seat: ctx.actor.id, decidedBy: null };
  const voted = new Set<string>(await ctx.db('_wf_votes').where({ approval_id: a.id }).pluck('user_id'));
  const delegations = await activeDelegationsOf(seats, ctx);
  const standIn = seats.filter((s) => delegations.get(s)?.delegate_id === ctx.actor.id);
  const mine = standIn.filter((s) => !voted.has(s));
  const wanted = onBehalfOf === undefined ? mine : mine.filter((s) => s === onBehalfOf);
  if (!wanted.length) {
    if (standIn.length && !mine.length) throw problem('ALREADY_VOTED');
    if (onBehalfOf !== undefined) throw invalidInput('onBehalfOf must name an approver you stand in for who has yet to answer', [{ field: 'onBehalfOf', message: 'an approver you stand in for who has yet to answer' }]);
    throw problem('NOT_APPROVER');
  }
  const readers = await readersAmong(a.entity as string, a.record_id as string, [ctx.actor], ctx);
  if (a.entity && a.record_id && !readers.has(ctx.actor.id)) throw problem('DELEGATE_CANNOT_READ');
  return { seat: wanted[0], decidedBy: ctx.actor.id };
};

/**
 * An approver's answer: one vote per approver's place (409 on a second), only while
 * pending (409), only by an approver, an escalation approver or the out-of-office delegate
 * of one who has not answered (403). A delegate's vote counts as the approver's and records
 * who cast it (`decided_by`); the approver is told, in their language (`locales`). When the
 * votes decide, the approval closes and its run is woken, all in the caller's transaction.
 */
export const decideApproval = async (
  input: { id: string; decision: 'approve' | 'reject'; comment?: unknown; onBehalfOf?: unknown },
  ctx: RecordContext,
  tenantId: string,
  locales: Record<string, Locale> = {},
) => {
  if (input.comment !== undefined && (typeof input.comment !== 'string' || input.comment.length > 2000)) {
    throw invalidInput('comment must be text of at most 2000 characters', [{ field: 'comment', message: 'at most 2000 characters' }]);
  }
  const a = UUID.test(input.id) ? await ctx.db('_wf_approvals').where({ id: input.id }).forUpdate().first() : undefined;
  if (!a) throw notFound(`No approval ${String(input.id).slice(0, 80)}`);
  const approvers = a.approvers as string[];
  const escalated = (a.escalated_to as string[] | null) ?? [];
  if (a.status !== 'pending' && (approvers.includes(ctx.actor.id) || escalated.includes(ctx.actor.id))) throw problem('ALREADY_DECIDED', { decision: a.status });
  const { seat, decidedBy } = await seatOf(a, input.onBehalfOf, ctx);
  if (a.status !== 'pending') throw problem('ALREADY_DECIDED', { decision: a.status });
  const inserted = await ctx.db.raw(`insert into _wf_votes (approval_id, user_id, decision, comment, decided_by) values (?, ?, ?, ?, ?) on conflict do nothing returning user_id`, [a.id, seat, input.decision, (input.comment as string | undefined) ?? null, decidedBy]);
  if (!inserted.rows.length) throw problem('ALREADY_VOTED');
  const votes: DecidedVote[] = await ctx.db('_wf_votes').where({ approval_id: a.id }).orderBy('at').orderBy('user_id').select('user_id', 'decision', 'comment', 'at', 'decided_by');
  const status = tally({ mode: a.mode, approvers, required: a.required, escalated_to: escalated }, votes);
  if (status !== 'pending') {
    await ctx.db('_wf_approvals').where({ id: a.id }).update({ status, decided_at: ctx.db.fn.now() });
    await wakeRun(ctx.db, tenantId, a.run_id);
  }
  if (decidedBy) {
    const word = input.decision === 'approve' ? 'approved' : 'rejected';
    await sendNotice(ctx.db, [seat], locales, 'decidedForYou', (l) => ({ decider: ctx.actor.name, decision: decisionWord(word, l), title: approvalTitle(a, l) }), { entity: a.entity, recordId: a.record_id, runId: a.run_id });
  }
  return { id: a.id, status, mode: a.mode, required: a.required, approvers, votes, onBehalfOf: decidedBy ? seat : null, reassigned: a.reassigned ?? [] };
};
