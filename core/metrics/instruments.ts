import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './registry.js';

const registers = [registry];

/** Requests answered, by method, route pattern (never the raw path) and status. */
export const httpRequests = new Counter({
  name: 'crm_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

/** Time to answer a request (until the handler set the body; a streamed body may take longer). */
export const httpRequestSeconds = new Histogram({
  name: 'crm_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

/** Sign-ins refused: wrong tenant, e-mail or password (`credentials`), or too many tries (`throttled`). */
export const signInFailures = new Counter({
  name: 'crm_sign_in_failures_total',
  help: 'Sign-ins refused, by reason (credentials, throttled)',
  labelNames: ['reason'] as const,
  registers,
});

/** Workflow runs that ended failed: a step failed for good (`step`), or the job gave up (`gave_up`, the dead-letter queue). */
export const workflowRunsFailed = new Counter({
  name: 'crm_workflow_runs_failed_total',
  help: 'Workflow runs marked failed by this process, by reason (step, gave_up)',
  labelNames: ['reason'] as const,
  registers,
});

/** Scripts run in the sandbox, by outcome (`ok` or the error code, e.g. TIMEOUT). */
export const sandboxRuns = new Counter({
  name: 'crm_sandbox_runs_total',
  help: 'Sandboxed script runs, by outcome (ok or the error code)',
  labelNames: ['outcome'] as const,
  registers,
});

/** Sandbox processes killed (a run that would not stop, a broken channel, a shutdown that took too long). */
export const sandboxKills = new Counter({
  name: 'crm_sandbox_process_kills_total',
  help: 'Sandbox processes killed',
  registers,
});

/** Database connections, set on each scrape: total, idle, and requests waiting for one. */
export const dbPoolConnections = new Gauge({
  name: 'crm_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting); PGlite has one',
  labelNames: ['state'] as const,
  registers,
});

/** Jobs waiting in each workflow queue, set on each scrape. */
export const workflowQueueJobs = new Gauge({
  name: 'crm_workflow_queue_jobs',
  help: 'Jobs waiting (created or to retry) in each workflow queue',
  labelNames: ['queue'] as const,
  registers,
});

/** Workflow runs in trouble, set on each scrape: `stuck` (held by a worker whose lease ran out), `retrying` (waiting for their next attempt), `dead` (gave up, in the dead-letter queue). */
export const workflowRunsInTrouble = new Gauge({
  name: 'crm_workflow_runs',
  help: 'Workflow runs stuck (lease ran out), retrying (waiting for the next attempt) and dead (in the dead-letter queue), by state',
  labelNames: ['state'] as const,
  registers,
});

/** Runs whose worker stopped renewing their lease, handed to another worker by this process's sweep. */
export const workflowRunsLost = new Counter({
  name: 'crm_workflow_runs_lost_total',
  help: 'Workflow runs whose lease ran out (their worker died or stalled), handed to another worker by this process',
  registers,
});

/** Age of the oldest waiting job of each workflow queue, set on each scrape. */
export const workflowQueueOldestSeconds = new Gauge({
  name: 'crm_workflow_queue_oldest_seconds',
  help: 'Age in seconds of the oldest waiting job in each workflow queue',
  labelNames: ['queue'] as const,
  registers,
});

/** Live event streams (GET /api/events) open in this process. */
export const sseConnections = new Gauge({
  name: 'crm_sse_connections',
  help: 'Server-Sent Events streams (GET /api/events) open in this process',
  registers,
});

/** Live events written to streams by this process. */
export const sseEventsSent = new Counter({
  name: 'crm_sse_events_sent_total',
  help: 'Live events written to Server-Sent Events streams by this process',
  registers,
});
