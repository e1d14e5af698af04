import type { RecordContext } from '../../records/index.js';

/**
 * Approvals, newest first: the signed-in user's own (as approver or escalation
 * approver) unless `all` is asked by a tenant admin; `status` filters (default pending).
 */
export const listApprovals = async (q: { status?: string; all?: boolean }, ctx: RecordContext) => {
  const query = ctx.db('_wf_approvals as a')
    .join('_wf_runs as r', 'r.id', 'a.run_id')
    .where('a.status', q.status ?? 'pending')
    .orderBy('a.id', 'desc')
    .limit(200)
    .select('a.id', 'a.status', 'a.mode', 'a.required', 'a.approvers', 'a.escalated_to', 'a.entity', 'a.record_id', 'a.step_id', 'a.run_id', 'r.workflow', 'a.created_at', 'a.escalate_at', 'a.decided_at');
  if (!(q.all && ctx.actor.isAdmin)) query.where((w) => w.whereRaw('a.approvers \\? ?', [ctx.actor.id]).orWhereRaw('coalesce(a.escalated_to, \'[]\') \\? ?', [ctx.actor.id]));
  return { data: await query };
};
