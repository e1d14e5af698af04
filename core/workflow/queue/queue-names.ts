/** pg-boss's schema and the engine's queues in it. */
export const JOBS_SCHEMA = 'crm_jobs';
/** Advances one workflow run (job data: `{ t: tenant id, run: run id }`). */
export const RUN_QUEUE = 'crm-workflow-run';
/** Where a run job lands after its last retry: visible, and retried through the API. */
export const DEAD_QUEUE = 'crm-workflow-dead';
/** Once a minute: schedule and date triggers of every tenant. */
export const TICK_QUEUE = 'crm-workflow-tick';
/** Once an hour: the engine's housekeeping of every tenant (the sweep of files no record holds, the recycle bins' purge). */
export const MAINTENANCE_QUEUE = 'crm-maintenance';

export interface RunJobData {
  /** Tenant id. */
  t: string;
  /** Run id. */
  run: string;
}
