import { TenantQuotas } from './tenant-quota.js';
import type { QuotaBook, SandboxOptions, TenantQuota } from './types.js';

/** Each tenant's share of script time when the environment says nothing: one CPU-second per second, 100 host calls per second. */
export const DEFAULT_TENANT_QUOTA: Required<TenantQuota> = { cpuMsPerMinute: 60_000, hostCallsPerMinute: 6_000 };

const positive = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * The per-tenant script quota from the environment: CRM_SCRIPT_CPU_MS_PER_MINUTE and
 * CRM_SCRIPT_HOST_CALLS_PER_MINUTE (each tenant, per sliding minute, per process running
 * scripts). There is always a quota, so one tenant's scripts cannot starve the others.
 */
export const tenantQuotaFromEnv = (env: NodeJS.ProcessEnv = process.env): Required<TenantQuota> => ({
  cpuMsPerMinute: positive(env.CRM_SCRIPT_CPU_MS_PER_MINUTE, DEFAULT_TENANT_QUOTA.cpuMsPerMinute),
  hostCallsPerMinute: positive(env.CRM_SCRIPT_HOST_CALLS_PER_MINUTE, DEFAULT_TENANT_QUOTA.hostCallsPerMinute),
});

/** Sandbox options from the environment (the tenant quota). */
export const sandboxOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): SandboxOptions => ({ tenantQuota: tenantQuotaFromEnv(env) });

/** A quota book to share between sandboxes of one process (the API's dry runs). */
export const quotaBook = (quota: TenantQuota): QuotaBook => new TenantQuotas(quota);
