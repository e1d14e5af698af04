import { body, idempotencyKeyParam, idParam, listOf, noContent, ok, op, pathParam, PUBLIC, queryParam, ref, SIGNED_IN, uuid, WRITES, type Paths, type Schema } from './shared.js';

const RUN_STATUSES = ['pending', 'running', 'waiting', 'retrying', 'completed', 'failed', 'stopped'];
const stamp: Schema = { type: ['string', 'null'], format: 'date-time' };

const step: Schema = {
  type: 'object',
  required: ['seq', 'step_id', 'type', 'status'],
  properties: { seq: { type: 'integer' }, step_id: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' }, input: {}, output: {}, measures: {}, error: {}, attempts: { type: 'integer' }, started_at: stamp, finished_at: stamp },
};

const run: Schema = {
  type: 'object',
  required: ['id', 'workflow', 'status', 'steps'],
  properties: {
    id: uuid, workflow: { type: 'string' }, trigger: { type: ['string', 'null'] }, entity: { type: ['string', 'null'] }, record_id: { type: ['string', 'null'] },
    status: { type: 'string', enum: RUN_STATUSES }, depth: { type: 'integer' }, input: {}, error: {}, attempts: { type: 'integer' },
    stuck: { type: 'boolean', description: 'running, but its worker stopped renewing its lease (died or stalled); another worker takes it over' },
    heartbeat_at: { ...stamp, description: "when the worker holding the run last renewed its lease" },
    next_attempt_at: { ...stamp, description: 'while retrying: when the next attempt is due' },
    created_at: { type: 'string', format: 'date-time' }, updated_at: stamp, finished_at: stamp, steps: { type: 'array', items: ref('WorkflowStep') },
  },
};

const approval: Schema = {
  type: 'object',
  required: ['id', 'status', 'mode', 'approvers'],
  properties: {
    id: uuid, status: { type: 'string', description: 'pending, approved or rejected' }, mode: { type: 'string', enum: ['any', 'all', 'k_of_n'] }, required: { type: ['integer', 'null'] },
    approvers: { type: 'array', items: { type: 'string' } }, escalated_to: { type: ['array', 'null'], items: { type: 'string' } }, entity: { type: ['string', 'null'] },
    record_id: { type: ['string', 'null'] }, step_id: { type: 'string' }, run_id: uuid, workflow: { type: 'string' }, created_at: stamp, escalate_at: stamp, decided_at: stamp,
    title: { type: ['object', 'null'], description: 'The approval\'s title in each language', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } } },
    votes: { type: 'array', items: ref('ApprovalVote') },
    reassigned: { type: 'array', items: ref('ApprovalReassignment') },
    onBehalfOf: { type: 'array', items: uuid, description: 'Approvers away with you as their delegate, who have yet to answer: you may answer for them' },
    reports: { type: 'array', items: uuid, description: 'Your direct reports among the approvers who have yet to answer: you may reassign their places' },
    delegation: {
      type: ['object', 'null'],
      description: 'While you are away: your delegate, and whether the delegation applies to this approval (the delegate may read its record)',
      properties: { delegate: uuid, until: { type: 'string', format: 'date' }, applies: { type: 'boolean' } },
    },
  },
};

const vote: Schema = {
  type: 'object',
  required: ['user_id', 'decision'],
  properties: {
    user_id: { type: 'string', description: 'The approver whose place the vote fills' }, decision: { type: 'string', enum: ['approve', 'reject'] }, comment: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' },
    decided_by: { type: ['string', 'null'], description: 'The out-of-office delegate who answered for the approver (null: the approver in person)' },
  },
};

const reassignment: Schema = {
  type: 'object',
  required: ['from', 'to', 'by', 'at'],
  properties: {
    from: uuid, to: uuid, by: { ...uuid, description: 'Who reassigned' }, at: { type: 'string', format: 'date-time' },
    as: { type: 'string', enum: ['admin', 'approver', 'manager'], description: 'In what capacity `by` acted (absent on older reassignments)' },
    onBehalfOf: { ...uuid, description: 'The approver `by` acted for, when `by` is not that approver' },
    reason: { type: 'string', description: 'Why the approval went to someone else' },
  },
};

const delegation: Schema = {
  type: 'object',
  required: ['user_id', 'delegate_id', 'starts_on', 'ends_on'],
  properties: { user_id: uuid, delegate_id: uuid, starts_on: { type: 'string', format: 'date' }, ends_on: { type: 'string', format: 'date' }, set_by: { type: ['string', 'null'] } },
};
const userParam = queryParam('user', uuid, 'Whose delegate (tenant admins); default: your own');

const decided: Schema = {
  type: 'object',
  required: ['id', 'status', 'approvers', 'votes'],
  properties: {
    id: uuid, status: { type: 'string' }, mode: { type: 'string' }, required: { type: ['integer', 'null'] }, approvers: { type: 'array', items: { type: 'string' } },
    votes: { type: 'array', items: vote },
    onBehalfOf: { type: ['string', 'null'], description: 'The approver you answered for as their delegate' },
    reassigned: { type: 'array', items: reassignment },
  },
};

const notification: Schema = {
  type: 'object',
  required: ['id', 'title', 'read_at', 'created_at'],
  properties: { id: uuid, title: { type: 'string' }, body: { type: ['string', 'null'] }, entity: { type: ['string', 'null'] }, record_id: { type: ['string', 'null'] }, run_id: { type: ['string', 'null'] }, read_at: stamp, created_at: { type: 'string', format: 'date-time' } },
};

const SIGNATURE = 'X-Signature: sha256=<hex HMAC-SHA256 of the raw body>';
const webhook = (withSignature: boolean): Schema => ({
  type: 'object',
  required: ['url', 'secret'],
  properties: { url: { type: 'string', description: 'Where to POST' }, secret: { type: 'string' }, ...(withSignature && { signature: { type: 'string', const: SIGNATURE } }) },
});
const name = pathParam('name', { type: 'string' }, 'The workflow');
const header = (n: string, description: string) => ({ name: n, in: 'header' as const, required: false, schema: { type: 'string' as const }, description });

/** Workflow runs (tenant admins), manual runs and dry runs, approvals, notifications and webhooks. */
export const workflowPaths = (): Paths => ({
  '/api/workflows/runs': {
    get: op('list_workflow_runs', 'Workflows', 'Workflow runs, newest first (tenant admins)', {
      200: ok('A page of runs, each with its steps (secrets masked)', { type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', items: ref('WorkflowRun') }, nextCursor: { type: ['string', 'null'] } } }),
    }, SIGNED_IN, {
      parameters: [queryParam('workflow', { type: 'string' }), queryParam('status', { type: 'string', enum: RUN_STATUSES }), queryParam('record', uuid), queryParam('limit', { type: 'integer', minimum: 1, maximum: 200 }), queryParam('cursor', uuid)],
    }),
  },
  '/api/workflows/runs/{id}': { parameters: [idParam], get: op('get_workflow_run', 'Workflows', 'One run with its steps (tenant admins)', { 200: ok('The run', ref('WorkflowRun')) }, SIGNED_IN) },
  '/api/workflows/runs/{id}/retry': {
    parameters: [idParam],
    post: op('retry_workflow_run', 'Workflows', 'Retry a failed run (tenant admins)', { 202: ok('Queued again', { type: 'object', additionalProperties: true }) }, WRITES),
  },
  '/api/workflows/approvals': {
    get: op('list_approvals', 'Approvals', 'Approvals waiting for you, and for those you stand in for (tenant admins: all=true for everyone\'s)', {
      200: ok('Approvals, newest first (at most 200), with the names of the users they name', { ...listOf(ref('Approval')), properties: { ...listOf(ref('Approval')).properties, names: { type: 'object', additionalProperties: { type: 'string' } } } }),
    }, SIGNED_IN, {
      parameters: [queryParam('status', { type: 'string' }, 'pending (the default), approved or rejected'), queryParam('all', { type: 'string', enum: ['true', 'false'] }), queryParam('reports', { type: 'string', enum: ['true', 'false'] }, "true: also pending approvals where one of your direct reports has yet to answer (you may reassign their place)")],
    }),
  },
  ...Object.fromEntries((['approve', 'reject'] as const).map((d) => [`/api/workflows/approvals/{id}/${d}`, {
    parameters: [idParam],
    post: op(`${d}_approval`, 'Approvals', `${d === 'approve' ? 'Approve' : 'Reject'}, in person or as the out-of-office delegate of an approver`, { 200: ok('The approval after your vote', decided) }, WRITES,
      body({ type: 'object', additionalProperties: false, properties: { comment: { type: 'string', maxLength: 2000 }, onBehalfOf: { ...uuid, description: 'As a delegate of several approvers: whose place to answer in' } } }, false)),
  }])),
  '/api/workflows/approvals/{id}/reassign': {
    parameters: [idParam],
    post: op('reassign_approval', 'Approvals', "Give an approver's place on a pending approval to another user who may read the record (the approver, the approver's manager, or a tenant admin; others get 403 REASSIGN_NOT_ALLOWED)", {
      200: ok('The approval with its approvers now', { type: 'object', required: ['id', 'approvers', 'reassigned'], properties: { id: uuid, status: { type: 'string' }, approvers: { type: 'array', items: uuid }, escalated_to: { type: ['array', 'null'], items: uuid }, reassigned: { type: 'array', items: reassignment } } }),
    }, WRITES, body({ type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { ...uuid, description: 'An approver who has yet to answer' }, to: { ...uuid, description: 'An active user who may read the record' }, reason: { type: 'string', maxLength: 500, description: 'Why (required unless a tenant admin reassigns)' } } })),
  },
  '/api/workflows/delegation': {
    get: op('get_delegation', 'Approvals', 'Your out-of-office delegate (tenant admins: anyone\'s), and the users who may be named', {
      200: ok('The delegation (null: none) and the candidates', { type: 'object', required: ['delegation', 'candidates'], properties: { delegation: { oneOf: [delegation, { type: 'null' }] }, candidates: { type: 'array', items: { type: 'object', properties: { id: uuid, name: { type: 'string' } } } } } }),
    }, SIGNED_IN, { parameters: [userParam] }),
    put: op('set_delegation', 'Approvals', 'Name an out-of-office delegate for a range of days: they may answer your approvals meanwhile', { 200: ok('The delegation', { type: 'object', required: ['delegation'], properties: { delegation } }) }, WRITES, {
      parameters: [userParam],
      ...body({ type: 'object', required: ['delegateId', 'startsOn', 'endsOn'], additionalProperties: false, properties: { delegateId: uuid, startsOn: { type: 'string', format: 'date' }, endsOn: { type: 'string', format: 'date' } } }),
    }),
    delete: op('remove_delegation', 'Approvals', 'End the out-of-office delegation', { 204: noContent }, WRITES, { parameters: [userParam] }),
  },
  '/api/workflows/signing-secret': {
    get: op('workflow_signing_secret', 'Workflows', 'The secret outbound webhooks are signed with (tenant admins)', { 200: ok('The secret', { type: 'object', required: ['secret', 'signature'], properties: { secret: { type: 'string' }, signature: { type: 'string', const: SIGNATURE } } }) }, SIGNED_IN),
  },
  '/api/workflows/{name}/dry-run': {
    parameters: [name],
    post: op('dry_run_workflow', 'Workflows', 'Run a workflow without writing, to see what it would do (tenant admins)', { 200: ok('What each step would do', { type: 'object', additionalProperties: true }) }, WRITES,
      body({ type: 'object', properties: { recordId: { type: 'string', format: 'uuid' } } }, false)),
  },
  '/api/workflows/{name}/run': {
    parameters: [name],
    post: op('run_workflow', 'Workflows', 'Start a manual workflow on records', { 202: ok('Started', { type: 'object', required: ['runs'], properties: { runs: { type: 'array', items: uuid } } }) }, WRITES, {
      parameters: [idempotencyKeyParam],
      ...body({ type: 'object', required: ['recordIds'], properties: { recordIds: { type: 'array', items: uuid } } }),
    }),
  },
  '/api/workflows/{name}/webhook': {
    parameters: [name],
    get: op('workflow_webhook', 'Workflows', 'The inbound webhook of a workflow: its URL and secret (tenant admins)', { 200: ok('The webhook', webhook(true)) }, SIGNED_IN),
  },
  '/api/workflows/{name}/webhook/rotate': {
    parameters: [name],
    post: op('rotate_workflow_webhook', 'Workflows', 'A new secret for a workflow\'s inbound webhook (tenant admins)', { 200: ok('The webhook', webhook(false)) }, WRITES),
  },
  '/api/workflows/hooks/{tenant}/{name}': {
    parameters: [pathParam('tenant', { type: 'string' }, 'The tenant slug'), name],
    post: op('receive_webhook', 'Workflows', 'An inbound webhook: starts the workflow (signed, no sign-in)', {
      202: ok('Accepted (runId null: a repeated delivery)', { type: 'object', required: ['runId'], properties: { runId: { type: ['string', 'null'], format: 'uuid' } } }),
    }, [400, 401, 403, 404, 409, 413, 429], {
      security: [{ webhookSignature: [] }],
      parameters: [header('X-Delivery-Id', 'A delivery id; a repeat is accepted once'), header('X-Timestamp', 'When it was sent; old deliveries are refused')],
      ...body({ description: 'Any JSON; the signature covers the raw bytes' }),
    }),
  },
  '/api/notifications': {
    get: op('list_notifications', 'Notifications', 'Your notifications, newest first, and how many are unread', {
      200: ok('Notifications (at most 100)', { type: 'object', required: ['data', 'unread'], properties: { data: { type: 'array', items: ref('Notification') }, unread: { type: 'integer' } } }),
    }, SIGNED_IN, { parameters: [queryParam('unread', { type: 'string', enum: ['true', 'false'] })] }),
  },
  '/api/notifications/{id}/read': { parameters: [idParam], post: op('read_notification', 'Notifications', 'Mark a notification read', { 204: noContent }, WRITES) },
});

export const workflowSchemas = (): Record<string, Schema> => ({ WorkflowRun: run, WorkflowStep: step, Approval: approval, ApprovalVote: vote, ApprovalReassignment: reassignment, Notification: notification });
