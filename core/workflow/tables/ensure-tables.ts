import type { Knex } from 'knex';
import { execScript } from '../../db/exec-script.js';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { WORKFLOW_TABLES_READY, WORKFLOW_TENANT_TABLES } from './tenant-tables.js';

/** Creates the workflow tables in the current tenant transaction (as the tenant's role). */
export const createWorkflowTables = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`select pg_advisory_xact_lock(hashtextextended(current_schema() || '.workflow-tables', 0))`);
  await execScript(trx, WORKFLOW_TENANT_TABLES);
};

const ready = new Set<string>();

/**
 * Makes sure a tenant has the workflow tables: one look-up per tenant and process, and
 * the tables made (under an advisory lock, so two processes do not race) where missing.
 */
export const ensureWorkflowTables = async (knex: Knex, tenant: Tenant): Promise<void> => {
  if (ready.has(tenant.id)) return;
  await withTenant(knex, tenant, async (trx) => {
    const { rows } = await trx.raw(WORKFLOW_TABLES_READY);
    if (!rows[0]?.present) await createWorkflowTables(trx);
  });
  ready.add(tenant.id);
};
