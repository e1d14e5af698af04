import type { WorkflowDocument as GeneratedWorkflowDocument } from '../../../core/metadata/types.js';
import { api } from './http.js';
import type { Label } from './types.js';

export type RunStatus = 'pending' | 'running' | 'waiting' | 'retrying' | 'completed' | 'failed' | 'stopped';
export const RUN_STATUSES: RunStatus[] = ['pending', 'running', 'waiting', 'retrying', 'completed', 'failed', 'stopped'];

export interface StepError {
  code?: string;
  message?: string;
  [k: string]: unknown;
}

export interface RunStep {
  seq: number;
  step_id: string;
  type: string;
  status: string;
  input: unknown;
  output: unknown;
  /** What the step cost, beside its output (a script's CPU and wall time, host calls); null for other steps. */
  measures?: { cpuMs?: number; wallMs?: number; hostCalls?: number } | null;
  error: StepError | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface WorkflowRun {
  id: string;
  workflow: string;
  trigger: string;
  entity: string | null;
  record_id: string | null;
  status: RunStatus;
  depth: number;
  input: unknown;
  error: StepError | null;
  attempts: number;
  /** Running, but its worker stopped renewing its lease (another worker takes it over). */
  stuck?: boolean;
  /** When the worker holding it last renewed its lease. */
  heartbeat_at?: string | null;
  /** While retrying: when the next attempt is due. */
  next_attempt_at?: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  steps: RunStep[];
}

export interface RunPage {
  data: WorkflowRun[];
  nextCursor: string | null;
}

export interface AppNotification {
  id: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  run_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface Approval {
  id: string;
  status: string;
  mode: 'any' | 'all' | 'k_of_n';
  required: number | null;
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
  title?: { en: string; 'zh-CN': string } | null;
  /** Every vote: `user_id` is the approver's place, `decided_by` the delegate who answered for them. */
  votes?: ApprovalVote[];
  reassigned?: { from: string; to: string; by: string; at: string; as?: 'admin' | 'approver' | 'manager'; onBehalfOf?: string; reason?: string }[];
  /** Away approvers you stand in for who have yet to answer. */
  onBehalfOf?: string[];
  /** Your direct reports among the approvers who have yet to answer (listed with `reports`): you may reassign their places. */
  reports?: string[];
  /** While you are away: your delegate, and whether the delegation applies (they may read the record). */
  delegation?: { delegate: string; until: string; applies: boolean } | null;
}

export interface ApprovalVote {
  user_id: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
  decided_by: string | null;
}

export interface Delegation {
  user_id: string;
  delegate_id: string;
  starts_on: string;
  ends_on: string;
  set_by: string | null;
}

/** Workflow metadata shapes: the types generated from metadata/schemas/workflow.schema.json. */
export type { WorkflowStep, WorkflowTrigger } from '../../../core/metadata/types.js';
export type WorkflowDocument = GeneratedWorkflowDocument & { [k: string]: unknown };

export interface DryRunChange {
  entity: string;
  record: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
}

export interface DryRunReport {
  workflow: string;
  record: string | null;
  rolledBack: boolean;
  steps: { id: string; type: string; status: string; output?: unknown; error?: StepError; changes: DryRunChange[] }[];
  wouldStart: { workflow: string; record: string | null }[];
  notifications: { user: string; title: string }[];
}

export const listRuns = (q: { status?: string; workflow?: string; cursor?: string; limit?: number } = {}): Promise<RunPage> => api.get<RunPage>('/api/workflows/runs', q);
export const getRun = (id: string): Promise<WorkflowRun> => api.get<WorkflowRun>(`/api/workflows/runs/${encodeURIComponent(id)}`);
export const retryRun = (id: string): Promise<unknown> => api.post(`/api/workflows/runs/${encodeURIComponent(id)}/retry`);
export const startManualRun = (workflow: string, recordIds: string[]): Promise<unknown> => api.post(`/api/workflows/${encodeURIComponent(workflow)}/run`, { recordIds });
export const dryRun = (workflow: string, recordId: string): Promise<DryRunReport> => api.post<DryRunReport>(`/api/workflows/${encodeURIComponent(workflow)}/dry-run`, { recordId });

export const listNotifications = (): Promise<{ data: AppNotification[]; unread: number }> => api.get('/api/notifications');
export const markNotificationRead = (id: string): Promise<unknown> => api.post(`/api/notifications/${encodeURIComponent(id)}/read`);

/** Approvals with `status`; with `reports`, the pending ones waiting on your direct reports too. */
export const listApprovals = (status = 'pending', reports = false): Promise<{ data: Approval[]; names: Record<string, string> }> =>
  api.get('/api/workflows/approvals', status === 'pending' ? (reports ? { reports: 'true' } : undefined) : { status });
export const decideApproval = (id: string, decision: 'approve' | 'reject', comment: string, onBehalfOf?: string): Promise<unknown> =>
  api.post(`/api/workflows/approvals/${encodeURIComponent(id)}/${decision}`, { ...(comment.trim() && { comment: comment.trim() }), ...(onBehalfOf && { onBehalfOf }) });
export const reassignApproval = (id: string, from: string, to: string, reason?: string): Promise<unknown> =>
  api.post(`/api/workflows/approvals/${encodeURIComponent(id)}/reassign`, { from, to, ...(reason ? { reason } : {}) });

const whose = (user?: string) => (user ? `?user=${encodeURIComponent(user)}` : '');
export const getDelegation = (user?: string): Promise<{ delegation: Delegation | null; candidates: { id: string; name: string }[] }> => api.get(`/api/workflows/delegation${whose(user)}`);
export const setDelegation = (input: { delegateId: string; startsOn: string; endsOn: string }, user?: string): Promise<{ delegation: Delegation }> => api.put(`/api/workflows/delegation${whose(user)}`, input);
export const removeDelegation = (user?: string): Promise<unknown> => api.delete(`/api/workflows/delegation${whose(user)}`);
