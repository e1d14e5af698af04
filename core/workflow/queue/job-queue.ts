import type PgBoss from 'pg-boss';
import type { RunEnv } from '../runner/run-env.js';

/**
 * A queue besides workflow runs that the worker serves (e.g. webhook deliveries): jobs
 * reach it through the tenant's outbox (`enqueueJob`), are retried `retryLimit` times with
 * exponential backoff from `retryDelaySeconds`, and are handled one at a time per loop.
 * The job's data carries `t`, the tenant id; a handler that throws asks for a retry.
 */
export interface JobQueue {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job active longer than this is taken as crashed and retried; default 120. */
  expireInSeconds?: number;
  /** Jobs handled at once by this process; default 1. */
  concurrency?: number;
  handle(job: PgBoss.JobWithMetadata<Record<string, unknown> & { t: string }>, env: RunEnv): Promise<unknown>;
}
