import type { Tenant } from '../../db/tenant.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import type { RecordHooks } from '../../records/index.js';

/**
 * What a run needs of its tenant: the tenant row, its metadata and its plugins' record hooks.
 * The engine's own comes from core/work (`databaseTenantEnv`), which knows the plugins;
 * the composition roots (server, `crm worker`) hand it to the worker.
 */
export interface TenantEnv {
  tenant(id: string): Promise<Tenant | undefined>;
  meta(tenant: Tenant): Promise<EffectiveMeta>;
  pluginHooks(tenant: Tenant): Promise<RecordHooks>;
}
