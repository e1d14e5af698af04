import type { Knex } from 'knex';
import { type Tenant } from '../../db/tenant.js';
import { findTenantById } from '../../tenants/tenant-store.js';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import { loadTenantRuntime, type TenantRuntime } from '../../plugins/index.js';
import type { RecordHooks } from '../../records/index.js';

/** What a run needs of its tenant: the tenant row, its metadata and its plugins' record hooks. */
export interface TenantEnv {
  tenant(id: string): Promise<Tenant | undefined>;
  meta(tenant: Tenant): Promise<EffectiveMeta>;
  pluginHooks(tenant: Tenant): Promise<RecordHooks>;
}

/**
 * The tenant environment from the database: the tenant row fresh per job (it carries the
 * metadata revision), metadata cached per revision, plugin hooks cached per revision.
 */
export const databaseTenantEnv = (knex: Knex): TenantEnv => {
  const runtimes = new Map<string, { revision: number; runtime: Promise<TenantRuntime> }>();
  return {
    tenant: (id) => findTenantById(knex, id),
    meta: (tenant) => loadEffectiveMeta(knex, tenant),
    async pluginHooks(tenant) {
      const hit = runtimes.get(tenant.id);
      if (hit && hit.revision === tenant.metaRevision) return (await hit.runtime).hooks;
      const runtime = loadTenantRuntime(knex, tenant);
      runtimes.set(tenant.id, { revision: tenant.metaRevision, runtime });
      runtime.catch(() => runtimes.delete(tenant.id));
      return (await runtime).hooks;
    },
  };
};
