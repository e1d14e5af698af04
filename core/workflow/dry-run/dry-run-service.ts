import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { invalidInput } from '../../errors.js';
import { createSandbox, type QuotaBook, type Sandbox } from '../../sandbox/index.js';
import type { TenantEnv } from '../runner/tenant-env.js';
import { servicesFromEnv } from '../services-from-env.js';
import { stepTypes } from '../steps/registry.js';
import { dryRunWorkflow } from './dry-run.js';

/**
 * The dry run as the API offers it: the tenant's published workflow, a sandbox only if a
 * script step needs one. Its scripts count against the tenant's quota in `quotas`, a book
 * the API process shares between dry runs (so dry runs cannot get round the quota).
 */
export const dryRunService = async (input: { workflow: string; recordId?: unknown }, deps: { knex: Knex; tenant: Tenant; quotas: QuotaBook; tenants: TenantEnv }) => {
  if (input.recordId !== undefined && typeof input.recordId !== 'string') throw invalidInput('recordId must be a record id', [{ field: 'recordId', message: 'a record id' }]);
  let sandbox: Sandbox | undefined;
  const services = { ...servicesFromEnv(), sandbox: { run: (r: Parameters<Sandbox['run']>[0]) => (sandbox ??= createSandbox({ processes: 1, quotaBook: deps.quotas })).run(r) } };
  try {
    return await dryRunWorkflow({ workflow: input.workflow, recordId: input.recordId }, { knex: deps.knex, tenant: deps.tenant, tenants: deps.tenants, services, steps: stepTypes });
  } finally {
    await sandbox?.close();
  }
};
