import type { Knex } from 'knex';

/**
 * One rung of the tenant schema ladder. `up` runs inside the tenant's role and
 * search_path, in the transaction that records the new version, so a rung either lands
 * whole with its version or not at all. A shipped rung never changes: a later change to
 * a table is a new rung.
 */
export interface TenantSchemaStep {
  /** 1, 2, 3, … in the order the rungs run; a tenant's `schema_version` is the last one it has. */
  version: number;
  name: string;
  description: string;
  up(trx: Knex.Transaction): Promise<void>;
}
