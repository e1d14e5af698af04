/**
 * The sandbox's public shapes. A script is the body of an async function with `input`
 * and `crm` in scope; whatever crosses between the script and the host is a JSON copy.
 */

export interface ScriptLimits {
  /** The isolate's heap limit in MB (isolated-vm's memoryLimit; at least 8). */
  memoryMb?: number;
  /** CPU time the script may spend, measured on its isolate. */
  cpuMs?: number;
  /** Wall-clock time from the call to `run` to its answer: waiting for an isolate and host calls included. */
  wallMs?: number;
  /** How many host calls one run may make. */
  hostCalls?: number;
}

export type HostMethod = 'get' | 'list' | 'create' | 'update' | 'secret';

/** The only host calls a script can make; each call's args and result cross as JSON copies. */
export interface ScriptHost {
  call(method: HostMethod, args: unknown[]): Promise<unknown>;
}

export interface ScriptRun {
  tenantId: string;
  code: string;
  input: unknown;
  host: ScriptHost;
  limits?: ScriptLimits;
}

export type ScriptErrorCode =
  | 'TIMEOUT'
  | 'CPU_LIMIT'
  | 'MEMORY_LIMIT'
  | 'HOST_CALL_LIMIT'
  | 'QUOTA'
  | 'SCRIPT_ERROR'
  | 'SANDBOX_CRASHED';

export interface RunMeasures {
  cpuMs: number;
  wallMs: number;
  hostCalls: number;
}

export type ScriptResult =
  | ({ ok: true; value: unknown } & RunMeasures)
  | ({ ok: false; error: { code: ScriptErrorCode; message: string } } & RunMeasures);

export interface Sandbox {
  run(r: ScriptRun): Promise<ScriptResult>;
  close(): Promise<void>;
}

export interface TenantQuota {
  /** Script CPU time a tenant may use in any sliding minute. */
  cpuMsPerMinute?: number;
  /** Host calls a tenant's scripts may make in any sliding minute. */
  hostCallsPerMinute?: number;
}

export interface SandboxOptions {
  /** Sandbox child processes (default 2). */
  processes?: number;
  /** Isolates, and so concurrent runs, per process (default 2). */
  isolatesPerProcess?: number;
  /** Limits for runs that do not set their own. */
  defaults?: ScriptLimits;
  tenantQuota?: TenantQuota;
  /**
   * The book of tenants' use to count against (made from `tenantQuota` when absent). Passing
   * one shared book to several short-lived sandboxes (one per dry run) keeps their use in one place.
   */
  quotaBook?: QuotaBook;
}

/** Tenants' script use over the last minute against a quota (core/sandbox/tenant-quota.ts). */
export interface QuotaBook {
  cpuLeft(tenantId: string): number;
  hostCallsLeft(tenantId: string): number;
  addCpu(tenantId: string, ms: number): void;
  takeHostCall(tenantId: string): boolean;
}
