import { config, type Config } from '../config/index.js';
import { TenantQuotas } from './tenant-quota.js';
import type { QuotaBook, SandboxOptions, TenantQuota } from './types.js';

/** Each tenant's share of script time when the environment says nothing: one CPU-second per second, 100 host calls per second (the variables' defaults). */
export const DEFAULT_TENANT_QUOTA: Required<TenantQuota> = { cpuMsPerMinute: 60_000, hostCallsPerMinute: 6_000 };

/**
 * The per-tenant script quota from the environment: CRM_SCRIPT_CPU_MS_PER_MINUTE and
 * CRM_SCRIPT_HOST_CALLS_PER_MINUTE (each tenant, per sliding minute, per process running
 * scripts). There is always a quota, so one tenant's scripts cannot starve the others.
 */
export const tenantQuotaFromEnv = (c: Config = config()): Required<TenantQuota> => ({
  cpuMsPerMinute: c.CRM_SCRIPT_CPU_MS_PER_MINUTE,
  hostCallsPerMinute: c.CRM_SCRIPT_HOST_CALLS_PER_MINUTE,
});

/** Sandbox options from the environment (the tenant quota). */
export const sandboxOptionsFromEnv = (c: Config = config()): SandboxOptions => ({ tenantQuota: tenantQuotaFromEnv(c) });

/** A quota book to share between sandboxes of one process (the API's dry runs). */
export const quotaBook = (quota: TenantQuota): QuotaBook => new TenantQuotas(quota);
