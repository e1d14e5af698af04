import type { Knex } from 'knex';
import type { StepDefinition, WorkflowServices } from '../types.js';
import type { RunLeases } from './leases.js';
import type { TenantEnv } from './tenant-env.js';

/** Everything a worker needs to advance runs. */
export interface RunEnv {
  knex: Knex;
  tenants: TenantEnv;
  services: WorkflowServices;
  steps: Record<string, StepDefinition>;
  /** How long a claimed run is this worker's without a heartbeat; seconds. */
  leaseSeconds: number;
  /** The runs this worker holds, whose leases its heartbeat renews (none: leases are not renewed). */
  leases?: RunLeases;
  now?: () => Date;
}
