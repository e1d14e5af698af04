/**
 * The script sandbox: user scripts run in isolated-vm isolates inside separate sandbox
 * processes that a supervisor restarts; this process never runs user code. See
 * docs/sandbox.md for the design and its limits.
 */
import { createSandbox as create } from './create-sandbox.js';
import type { Sandbox, SandboxOptions } from './types.js';

export { DEFAULT_TENANT_QUOTA, quotaBook, sandboxOptionsFromEnv, tenantQuotaFromEnv } from './options-from-env.js';
export type {
  HostMethod,
  QuotaBook,
  Sandbox,
  SandboxOptions,
  ScriptErrorCode,
  ScriptHost,
  ScriptLimits,
  ScriptResult,
  ScriptRun,
  TenantQuota,
} from './types.js';

export function createSandbox(opts?: SandboxOptions): Sandbox {
  return create(opts);
}
