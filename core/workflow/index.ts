/**
 * The workflow engine: triggers write runs into the tenant's outbox in the record's
 * transaction; a relay moves them into the job queue (pg-boss); workers advance runs
 * step by step with a journal. See docs/workflows.md.
 */
export { startWorkflowWorker, type WorkflowWorker, type WorkerOptions } from './worker.js';
export { workflowHooks, composeHooks, MAX_DEPTH } from './triggers/record-hooks.js';
export { ensureWorkflowTables, createWorkflowTables } from './tables/ensure-tables.js';
export { startManualRuns } from './triggers/start-manual.js';
export { receiveWebhook } from './triggers/receive-webhook.js';
export { webhookSecret, signBody } from './triggers/webhook-secret.js';
export { tick } from './triggers/tick.js';
