/**
 * The workflow engine: triggers write runs into the tenant's outbox in the record's
 * transaction; a relay moves them into the job queue (pg-boss); workers advance runs
 * step by step with a journal. See docs/workflows.md.
 */
export { startWorkflowWorker, type WorkflowWorker, type WorkerOptions } from './worker.js';
export { workflowHooks, composeHooks, MAX_DEPTH } from './triggers/record-hooks.js';
export { hooksForDoor, WorkflowsNotOptional, type DoorHooksInput } from './triggers/door-hooks.js';
export { startManualRuns } from './triggers/start-manual.js';
export { mayStartManual, manualRight } from './triggers/manual-access.js';
export { receiveWebhook } from './triggers/receive-webhook.js';
export { startEmailReceivedRuns } from './triggers/email-received.js';
export { webhookSecret, signBody } from './triggers/webhook-secret.js';
export { tick } from './triggers/tick.js';
export { listRuns, getRun } from './runs/list-runs.js';
export { queueDepths, type QueueDepth } from './queue/queue-depth.js';
export { runHealth, type RunHealth } from './runner/run-health.js';
export { checkWorkerSettings, DEFAULT_WORKER_SETTINGS, workerSettingsFromEnv, type WorkerSettings } from './worker-settings.js';
export { retryRun } from './runs/retry-run.js';
export { dryRunService } from './dry-run/dry-run-service.js';
export { decideApproval } from './approvals/decide-approval.js';
export { listApprovals } from './approvals/list-approvals.js';
export { reassignApproval, type Reassignment } from './approvals/reassign-approval.js';
export { readDelegation, removeDelegation, saveDelegation, type Delegation } from './approvals/delegations.js';
export { listNotifications, markNotificationRead } from './steps/notify/list-notifications.js';
export { lookupFor } from './runner/lookup.js';
export { OUTBOUND_SECRET } from './steps/webhook/run.js';
export { workflowStepProblems } from './check-steps.js';
export { enqueueJob } from './runs/outbox.js';
export type { JobQueue } from './queue/job-queue.js';
export { safeRequest, type SafeResponse } from './steps/webhook/safe-request.js';
export { allowList, isPrivateAddress } from './steps/webhook/address-policy.js';
export { servicesFromEnv } from './services-from-env.js';
export type { WorkflowServices } from './types.js';

// Saving a workflow document checks each step's options against its type's schema.
import { registerWorkflowStepCheck } from '../metadata/step-checks.js';
import { workflowStepProblems } from './check-steps.js';
import type { WorkflowDocument } from '../metadata/types.js';
registerWorkflowStepCheck((doc) => workflowStepProblems(doc as unknown as WorkflowDocument));
export { keepStoredSecrets, maskWorkflowSecrets, MASKED_SECRET } from './secrets/workflow-secrets.js';
export { manualWorkflowSummary } from './secrets/manual-summary.js';
