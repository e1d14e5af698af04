import { readersAmong, type Actor, type RecordContext } from '../../records/index.js';
import { readDelegation, todayOf, coversDay } from './delegations.js';

const COLUMNS = ['a.id', 'a.status', 'a.mode', 'a.required', 'a.approvers', 'a.escalated_to', 'a.entity', 'a.record_id', 'a.step_id', 'a.run_id', 'r.workflow', 'a.created_at', 'a.escalate_at', 'a.decided_at', 'a.title', 'a.reassigned'];

interface Row {
  id: string;
  status: string;
  mode: string;
  required: number;
  approvers: string[];
  escalated_to: string[] | null;
  entity: string | null;
  record_id: string | null;
  step_id: string;
  run_id: string;
  workflow: string;
  created_at: string;
  escalate_at: string | null;
  decided_at: string | null;
  title: { en: string; 'zh-CN': string } | null;
  reassigned: { from: string; to: string; by: string; at: string }[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const mayRead = async (row: Row, actor: Actor, ctx: RecordContext): Promise<boolean> =>
  !row.entity || !row.record_id || (await readersAmong(row.entity, row.record_id, [actor], { ...ctx, actor })).has(actor.id);

/**
 * Approvals, newest first: the signed-in user's own (as approver or escalation approver)
 * and, while pending, those of approvers whose out-of-office delegation names the user
 * today and whose record the user may read (`onBehalfOf`: the approvers not yet answered
 * the user may answer for) — unless `all` is asked by a tenant admin; `status` filters
 * (default pending), and those the user answered for someone. Each row carries its votes (with who cast them) and reassignments.
 * When the user is away with a delegate (`delegate`, resolved by the caller), each of
 * their pending rows says whether the delegation applies (`delegation.applies`: the
 * delegate may read the record). With `reports`, pending approvals where one of the user's
 * direct reports (`_users.manager`) has yet to answer are listed too, when the user may read
 * the record (`reports`: those reports, whose places the user may reassign).
 */
export const listApprovals = async (q: { status?: string; all?: boolean; reports?: boolean }, ctx: RecordContext, delegate?: Actor) => {
  const status = q.status ?? 'pending';
  const today = todayOf(ctx);
  const me = ctx.actor.id;
  const withReports = Boolean(q.reports) && status === 'pending' && UUID.test(me);
  const query = ctx.db('_wf_approvals as a').join('_wf_runs as r', 'r.id', 'a.run_id').where('a.status', status).orderBy('a.id', 'desc').limit(200).select(COLUMNS);
  const everyone = Boolean(q.all && ctx.actor.isAdmin);
  if (!everyone) {
    query.where((w) => {
      w.whereRaw('a.approvers \\? ?', [me]).orWhereRaw(`coalesce(a.escalated_to, '[]') \\? ?`, [me]);
      w.orWhereExists((v) => v.from('_wf_votes as v').whereRaw('v.approval_id = a.id').where('v.decided_by', me));
      if (status === 'pending') {
        w.orWhereExists((d) =>
          d.from('_wf_delegations as d').where('d.delegate_id', me).where('d.starts_on', '<=', today).where('d.ends_on', '>=', today)
            .where((s) => s.whereRaw('a.approvers \\? d.user_id::text').orWhereRaw(`coalesce(a.escalated_to, '[]') \\? d.user_id::text`)),
        );
      }
      if (withReports) {
        w.orWhereExists((u) =>
          u.from('_users as u').where('u.manager', me).where((s) => s.whereRaw('a.approvers \\? u.id::text').orWhereRaw(`coalesce(a.escalated_to, '[]') \\? u.id::text`)),
        );
      }
    });
  }
  const rows = (await query) as Row[];
  const ids = rows.map((r) => r.id);
  const votes = ids.length ? await ctx.db('_wf_votes').whereIn('approval_id', ids).orderBy('at').select('approval_id', 'user_id', 'decision', 'comment', 'at', 'decided_by') : [];
  const delegators = status === 'pending' ? await ctx.db('_wf_delegations').where({ delegate_id: me }).where('starts_on', '<=', today).where('ends_on', '>=', today).pluck('user_id') : [];
  const mine = status === 'pending' && delegate ? await readDelegation(me, ctx) : undefined;
  const reportIds = new Set<string>(withReports ? await ctx.db('_users').where({ manager: me }).pluck('id') : []);
  const away = mine && coversDay(mine, today) && delegate?.id === mine.delegate_id ? mine : undefined;
  const data = [];
  for (const row of rows) {
    const rowVotes = votes.filter((v) => v.approval_id === row.id).map(({ approval_id: _, ...v }) => v);
    const seats = [...row.approvers, ...(row.escalated_to ?? [])];
    const own = seats.includes(me);
    const answeredFor = rowVotes.some((v) => v.decided_by === me);
    const onBehalfOf = seats.filter((s) => delegators.includes(s) && !rowVotes.some((v) => v.user_id === s));
    const reports = seats.filter((s) => reportIds.has(s) && !rowVotes.some((v) => v.user_id === s));
    if (!own && !everyone && !answeredFor) {
      // A delegate sees an approval only while the delegation applies to it, a manager only while a report has yet to answer; both only if they may read the record.
      if ((!onBehalfOf.length && !reports.length) || !(await mayRead(row, ctx.actor, ctx))) continue;
    }
    const delegation = away && own ? { delegate: away.delegate_id, until: away.ends_on, applies: await mayRead(row, delegate!, ctx) } : null;
    data.push({ ...row, reassigned: row.reassigned ?? [], votes: rowVotes, onBehalfOf: own ? [] : onBehalfOf, reports, delegation });
  }
  return { data };
};
