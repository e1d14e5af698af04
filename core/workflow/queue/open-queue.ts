import PgBoss from 'pg-boss';
import type { Db } from '../../db/connect.js';
import { DEAD_QUEUE, JOBS_SCHEMA, MAINTENANCE_QUEUE, RUN_QUEUE, TICK_QUEUE } from './queue-names.js';
import { poolExecutor } from './sql-executor.js';

export interface QueueSettings {
  /** Attempts after the first; default 5. */
  retryLimit?: number;
  /** Seconds before the first retry, doubled each time with jitter; default 5. */
  retryDelaySeconds?: number;
  /**
   * A job active longer than this is failed and retried by the queue itself; default 3600.
   * Only a ceiling: a crashed worker's runs are found within the run lease by the
   * workers' heartbeat (runner/sweep-lost-runs.ts), however long this is.
   */
  expireInSeconds?: number;
  /** How often expired jobs are swept (across processes, one at a time); default 30. */
  maintenanceIntervalSeconds?: number;
  /** pg-boss's cron (the once-a-minute tick); default true. */
  schedule?: boolean;
  /** Connections of pg-boss's own pool on PostgreSQL; default 4. */
  poolMax?: number;
  /** Where pg-boss's background errors go (maintenance, polling). */
  onError?: (e: unknown) => void;
}

export const queueDefaults = (s: QueueSettings = {}) => ({
  retryLimit: s.retryLimit ?? 5,
  retryDelay: s.retryDelaySeconds ?? 5,
  expireInSeconds: s.expireInSeconds ?? 3600,
});

const connectionStringOf = (db: Db): string => {
  const conn = db.knex.client.config.connection as { connectionString?: string };
  if (!conn?.connectionString) throw new Error('The PostgreSQL connection has no connection string');
  return conn.connectionString;
};

/**
 * pg-boss in schema crm_jobs: over its own pool on PostgreSQL, over knex's single
 * connection on PGlite. Creates the engine's queues: runs retry with exponential
 * backoff and jitter, then land in the dead-letter queue.
 */
export const openQueue = async (db: Db, settings: QueueSettings = {}): Promise<PgBoss> => {
  const common = {
    schema: JOBS_SCHEMA,
    schedule: settings.schedule ?? true,
    supervise: true,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds ?? 30,
    application_name: 'crm-workflow',
  };
  const boss =
    db.backend === 'pglite'
      ? new PgBoss({ ...common, db: poolExecutor(db.knex) as PgBoss.Db })
      : new PgBoss({ ...common, connectionString: connectionStringOf(db), max: settings.poolMax ?? 4 });
  boss.on('error', (e) => settings.onError?.(e));
  await boss.start();
  const d = queueDefaults(settings);
  const runOptions = { name: RUN_QUEUE, retryLimit: d.retryLimit, retryDelay: d.retryDelay, retryBackoff: true, expireInSeconds: d.expireInSeconds, deadLetter: DEAD_QUEUE };
  await boss.createQueue(DEAD_QUEUE, { name: DEAD_QUEUE, retryLimit: 0 });
  await boss.createQueue(RUN_QUEUE, runOptions);
  await boss.updateQueue(RUN_QUEUE, runOptions);
  await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  await boss.createQueue(MAINTENANCE_QUEUE, { name: MAINTENANCE_QUEUE, retryLimit: 0, expireInSeconds: 1800 });
  return boss;
};
