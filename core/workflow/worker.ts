import type PgBoss from 'pg-boss';
import type { Db } from '../db/connect.js';
import { createSandbox, sandboxOptionsFromEnv, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import type { JobQueue } from './queue/job-queue.js';
import { openQueue, type QueueSettings } from './queue/open-queue.js';
import { RunLeases } from './runner/leases.js';
import { heartbeatOnce, startHeartbeat } from './runner/heartbeat.js';
import { queueRetries } from './runner/run-retries.js';
import { checkWorkerSettings, workerSettingsFromEnv, type WorkerSettings } from './worker-settings.js';
import { sweepAllTenantFiles } from '../files/sweep-files.js';
import { sweepAllIdempotencyKeys } from '../idempotency/index.js';
import { sweepAllEvents } from '../events/index.js';
import { purgeAllRecycleBins } from '../records/index.js';
import { DEAD_QUEUE, MAINTENANCE_QUEUE, RUN_QUEUE, TICK_QUEUE, type RunJobData } from './queue/queue-names.js';
import { startJobLoop, type JobLoop } from './queue/job-loop.js';
import { startRelay, type Relay, type RelaySettings } from './relay/relay.js';
import { handleDeadJob, startRunJobs } from './runner/run-job.js';
import type { RunEnv } from './runner/run-env.js';
import type { TenantEnv } from './runner/tenant-env.js';
import { servicesFromEnv } from './services-from-env.js';
import { stepTypes } from './steps/registry.js';
import { tick } from './triggers/tick.js';
import type { WorkflowServices } from './types.js';

export interface WorkerOptions {
  /** Runs advanced at once by this process; default CRM_WORKFLOW_CONCURRENCY, else 4 (2 on PGlite). */
  concurrency?: number;
  /** A run's lease and its heartbeat; default from the environment (CRM_WORKFLOW_LEASE_SECONDS, CRM_WORKFLOW_HEARTBEAT_SECONDS: 30 s and 10 s). */
  leases?: WorkerSettings;
  queue?: QueueSettings;
  relay?: RelaySettings;
  /** Mail, webhook allowlist and sandbox; default from the environment. A sandbox is started on first use when none is given. */
  services?: WorkflowServices;
  /**
   * The sandbox started when `services` brings none; default from the environment, always
   * with a per-tenant quota (CRM_SCRIPT_CPU_MS_PER_MINUTE, CRM_SCRIPT_HOST_CALLS_PER_MINUTE).
   */
  sandbox?: SandboxOptions;
  /** Where tenants' metadata and plugin hooks come from (the engine's: core/work's databaseTenantEnv). */
  tenants: TenantEnv;
  /** Seconds between polls of an idle worker; default 1. */
  pollSeconds?: number;
  onError?: (e: unknown) => void;
  /** Queues besides workflow runs that this worker serves (webhook deliveries); their outbox rows wait for a worker that does. */
  queues?: JobQueue[];
}

export interface WorkflowWorker {
  boss: PgBoss;
  relay: Relay;
  env: RunEnv;
  stop(): Promise<void>;
}

/**
 * A workflow worker: the queue, the outbox relay, a job loop advancing up to `concurrency`
 * runs at once (each fetch claims as many run jobs as there are free places),
 * the dead-letter handler, the once-a-minute tick (schedules and dates; pg-boss's
 * cron sends it once per minute however many workers run) and the hourly maintenance
 * (the sweep of files no record holds, of expired idempotency keys and live events, and the
 * purge of records in the recycle bin past the tenants' windows), the heartbeat
 * (renews the leases of the runs it holds, hands runs of dead workers on), and the other
 * `queues` it is given (webhook deliveries). The server starts one
 * in-process; `crm worker` starts more processes against the same PostgreSQL.
 */
export const startWorkflowWorker = async (db: Db, opts: WorkerOptions): Promise<WorkflowWorker> => {
  const onError = opts.onError ?? (() => undefined);
  const settings = checkWorkerSettings(opts.leases ?? workerSettingsFromEnv());
  const boss = await openQueue(db, { onError, ...opts.queue });
  const services = opts.services ?? servicesFromEnv();
  let sandbox: Sandbox | undefined;
  const sandboxOptions = { ...sandboxOptionsFromEnv(), ...opts.sandbox };
  services.sandbox ??= { run: (r) => (sandbox ??= createSandbox(sandboxOptions)).run(r) };
  const env: RunEnv = {
    knex: db.knex,
    tenants: opts.tenants,
    services,
    steps: stepTypes,
    leaseSeconds: settings.leaseSeconds,
    leases: new RunLeases(db.knex, settings.leaseSeconds),
  };
  const ids: string[] = [];
  const queues = opts.queues ?? [];
  for (const q of queues) {
    const options = { name: q.name, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: true, expireInSeconds: q.expireInSeconds ?? 120 };
    await boss.createQueue(q.name, options);
    await boss.updateQueue(q.name, options);
  }
  let runs: JobLoop | undefined;
  const relay = await startRelay(
    { db, boss, onError, onMoved: () => (runs?.wake(), ids.forEach((id) => boss.notifyWorker(id))) },
    { ...opts.relay, queues: queues.map((q) => q.name) },
  );
  const retries = queueRetries(boss);
  const start = startRunJobs(env, retries);
  const concurrency = opts.concurrency ?? settings.concurrency ?? (db.backend === 'pglite' ? 2 : 4);
  const polling = { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollSeconds ?? 1 } as const;
  runs = startJobLoop<RunJobData>(boss, RUN_QUEUE, { concurrency, pollMs: (opts.pollSeconds ?? 1) * 1000, onError }, (jobs) =>
    start(jobs).map((p) => p.finally(() => relay.nudge())),
  );
  for (const q of queues) {
    for (let i = 0; i < (q.concurrency ?? 1); i++) {
      ids.push(await boss.work(q.name, polling, async ([job]) => q.handle(job as never, env)));
    }
  }
  await boss.work(DEAD_QUEUE, { pollingIntervalSeconds: 5 }, handleDeadJob(env) as never);
  if (opts.queue?.schedule !== false) {
    await boss.schedule(TICK_QUEUE, '* * * * *');
    await boss.work(TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => ({ started: await tick(db.knex, env.tenants, new Date(), onError) }));
    await boss.schedule(MAINTENANCE_QUEUE, '17 * * * *');
    await boss.work(MAINTENANCE_QUEUE, { pollingIntervalSeconds: 30 }, async () => ({
      filesSwept: await sweepAllTenantFiles(db.knex, new Date(), onError),
      idempotencyKeysSwept: await sweepAllIdempotencyKeys(db.knex, new Date(), onError),
      eventsSwept: await sweepAllEvents(db.knex, new Date(), onError),
      recordsPurged: await purgeAllRecycleBins(db.knex, (t) => env.tenants.meta(t), new Date(), onError),
    }));
  }
  const heartbeat = startHeartbeat((beat) => heartbeatOnce(env, retries, beat), settings.heartbeatSeconds * 1000, onError);
  let stopping: Promise<void> | undefined;
  return {
    boss,
    relay,
    env,
    stop: () =>
      (stopping ??= (async () => {
        await relay.stop();
        await runs?.stop();
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        await heartbeat.stop();
        await sandbox?.close();
      })()),
  };
};
