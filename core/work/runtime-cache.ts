import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { loadTenantRuntime, type TenantRuntime } from '../plugins/index.js';

const runtimes = new Map<string, { revision: number; runtime: Promise<TenantRuntime> }>();

/**
 * The tenant's plugin runtime (hooks, actions, routes, seeds), cached in the process per
 * tenant and metadata revision (installing, upgrading or uninstalling a plugin bumps it).
 */
export const runtimeOf = (knex: Knex, tenant: Tenant): Promise<TenantRuntime> => {
  const hit = runtimes.get(tenant.id);
  if (hit && hit.revision === tenant.metaRevision) return hit.runtime;
  const runtime = loadTenantRuntime(knex, tenant);
  runtimes.set(tenant.id, { revision: tenant.metaRevision, runtime });
  runtime.catch(() => runtimes.delete(tenant.id));
  return runtime;
};
