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
  },
};

const decided: Schema = {
  type: 'object',
  required: ['id', 'status', 'approvers', 'votes'],
  properties: {
    id: uuid, status: { type: 'string' }, mode: { type: 'string' }, required: { type: ['integer', 'null'] }, approvers: { type: 'array', items: { type: 'string' } },
    votes: { type: 'array', items: { type: 'object', properties: { user_id: { type: 'string' }, decision: { type: 'string', enum: ['approve', 'reject'] }, comment: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' } } } },
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
    get: op('list_approvals', 'Approvals', 'Approvals waiting for you (tenant admins: all=true for everyone\'s)', { 200: ok('Approvals, newest first (at most 200)', listOf(ref('Approval'))) }, SIGNED_IN, {
      parameters: [queryParam('status', { type: 'string' }, 'pending (the default), approved or rejected'), queryParam('all', { type: 'string', enum: ['true', 'false'] })],
    }),
  },
  ...Object.fromEntries((['approve', 'reject'] as const).map((d) => [`/api/workflows/approvals/{id}/${d}`, {
    parameters: [idParam],
    post: op(`${d}_approval`, 'Approvals', d === 'approve' ? 'Approve' : 'Reject', { 200: ok('The approval after your vote', decided) }, WRITES, body({ type: 'object', additionalProperties: false, properties: { comment: { type: 'string', maxLength: 2000 } } }, false)),
  }])),
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

export const workflowSchemas = (): Record<string, Schema> => ({ WorkflowRun: run, WorkflowStep: step, Approval: approval, Notification: notification });
