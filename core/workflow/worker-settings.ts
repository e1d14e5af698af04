import { config, ConfigError, type Config } from '../config/index.js';

export interface WorkerSettings {
  /** Seconds a worker holds a run without renewing it. */
  leaseSeconds: number;
  /** Seconds between renewals of the held runs' leases (and sweeps for lost ones). */
  heartbeatSeconds: number;
  /** Runs advanced at once by the process; unset: the worker's default. */
  concurrency?: number;
}

/** The documented defaults (CRM_WORKFLOW_LEASE_SECONDS, CRM_WORKFLOW_HEARTBEAT_SECONDS). */
export const DEFAULT_WORKER_SETTINGS = { leaseSeconds: 30, heartbeatSeconds: 10 } as const;

/** A heartbeat must come at least twice per lease, so one late renewal loses nothing. */
export const checkWorkerSettings = (s: WorkerSettings): WorkerSettings => {
  if (s.heartbeatSeconds * 2 > s.leaseSeconds) {
    throw new ConfigError([{ name: 'CRM_WORKFLOW_HEARTBEAT_SECONDS', message: `must be at most half of CRM_WORKFLOW_LEASE_SECONDS (${s.leaseSeconds})` }]);
  }
  return s;
};

/** The workflow worker's lease, heartbeat and concurrency from the environment, checked together. */
export const workerSettingsFromEnv = (c: Config = config()): WorkerSettings =>
  checkWorkerSettings({ leaseSeconds: c.CRM_WORKFLOW_LEASE_SECONDS, heartbeatSeconds: c.CRM_WORKFLOW_HEARTBEAT_SECONDS, ...(c.CRM_WORKFLOW_CONCURRENCY !== undefined && { concurrency: c.CRM_WORKFLOW_CONCURRENCY }) });
