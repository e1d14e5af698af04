export type ApprovalMode = 'any' | 'all' | 'k_of_n';

export interface Vote {
  user_id: string;
  decision: 'approve' | 'reject';
}

/** How many approvals a mode needs of n approvers. */
export const requiredFor = (mode: ApprovalMode, n: number, k?: number): number => (mode === 'any' ? 1 : mode === 'all' ? n : (k ?? 1));

/**
 * The state of an approval after its votes: `any` — the first answer decides; `all` —
 * every approver approves, one rejection rejects; `k_of_n` — `required` approvals
 * approve, more than n − required rejections reject. A vote of an escalation approver decides alone.
 */
export const tally = (a: { mode: ApprovalMode; approvers: string[]; required: number; escalated_to?: string[] | null }, votes: Vote[]): 'pending' | 'approved' | 'rejected' => {
  const escalated = votes.find((v) => a.escalated_to?.includes(v.user_id) && !a.approvers.includes(v.user_id));
  if (escalated) return escalated.decision === 'approve' ? 'approved' : 'rejected';
  const mine = votes.filter((v) => a.approvers.includes(v.user_id));
  const yes = mine.filter((v) => v.decision === 'approve').length;
  const no = mine.length - yes;
  if (a.mode === 'any' && mine.length) return mine[0].decision === 'approve' ? 'approved' : 'rejected';
  if (yes >= a.required) return 'approved';
  if (no > a.approvers.length - a.required) return 'rejected';
  return 'pending';
};
