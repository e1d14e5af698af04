import { invalidInput, notFound, problem } from '../../errors.js';
import type { RecordContext } from '../../records/index.js';
import { wakeRun } from '../runs/outbox.js';
import { tally, type Vote } from './tally.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An approver's answer: one vote per approver (409 on a second), only while pending
 * (409), only by an approver or an escalation approver (403). When the votes decide,
 * the approval closes and its run is woken, all in the caller's transaction.
 */
export const decideApproval = async (input: { id: string; decision: 'approve' | 'reject'; comment?: unknown }, ctx: RecordContext, tenantId: string) => {
  if (input.comment !== undefined && (typeof input.comment !== 'string' || input.comment.length > 2000)) {
    throw invalidInput('comment must be text of at most 2000 characters', [{ field: 'comment', message: 'at most 2000 characters' }]);
  }
  const a = UUID.test(input.id) ? await ctx.db('_wf_approvals').where({ id: input.id }).forUpdate().first() : undefined;
  if (!a) throw notFound(`No approval ${String(input.id).slice(0, 80)}`);
  const approvers = a.approvers as string[];
  const escalated = (a.escalated_to as string[] | null) ?? [];
  if (!approvers.includes(ctx.actor.id) && !escalated.includes(ctx.actor.id)) throw problem('NOT_APPROVER');
  if (a.status !== 'pending') throw problem('ALREADY_DECIDED', { decision: a.status });
  const inserted = await ctx.db.raw(`insert into _wf_votes (approval_id, user_id, decision, comment) values (?, ?, ?, ?) on conflict do nothing returning user_id`, [a.id, ctx.actor.id, input.decision, (input.comment as string | undefined) ?? null]);
  if (!inserted.rows.length) throw problem('ALREADY_VOTED');
  const votes: (Vote & { comment: string | null; at: string })[] = await ctx.db('_wf_votes').where({ approval_id: a.id }).orderBy('at').orderBy('user_id').select('user_id', 'decision', 'comment', 'at');
  const status = tally({ mode: a.mode, approvers, required: a.required, escalated_to: escalated }, votes);
  if (status !== 'pending') {
    await ctx.db('_wf_approvals').where({ id: a.id }).update({ status, decided_at: ctx.db.fn.now() });
    await wakeRun(ctx.db, tenantId, a.run_id);
  }
  return { id: a.id, status, mode: a.mode, required: a.required, approvers, votes };
};
