import type { Knex } from 'knex';
import { LruMap, tenantCacheSize } from '../config/index.js';
import type { Tenant } from '../db/tenant.js';
import { loadTenantRuntime, type TenantRuntime } from '../plugins/index.js';

const runtimes = new LruMap<string, { revision: number; runtime: Promise<TenantRuntime> }>(tenantCacheSize);

/**
 * The tenant's plugin runtime (hooks, actions, routes, seeds), cached in the process per
 * tenant (the CRM_TENANT_CACHE_SIZE most recently used) and metadata revision (installing, upgrading or uninstalling a plugin bumps it).
 */
export const runtimeOf = (knex: Knex, tenant: Tenant): Promise<TenantRuntime> => {
  const hit = runtimes.get(tenant.id);
  if (hit && hit.revision === tenant.metaRevision) return hit.runtime;
  const runtime = loadTenantRuntime(knex, tenant);
  const entry = { revision: tenant.metaRevision, runtime };
  runtimes.set(tenant.id, entry);
  runtime.catch(() => runtimes.delete(tenant.id, entry));
  return runtime;
};
