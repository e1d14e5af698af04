import { resolveLimits } from './limits.js';
import { PendingRun } from './pending-run.js';
import { MAX_JSON_CHARS } from './protocol.js';
import { Supervisor } from './supervisor.js';
import { TenantQuotas } from './tenant-quota.js';
import type { Sandbox, SandboxOptions, ScriptErrorCode, ScriptResult, ScriptRun } from './types.js';

/** The sandbox with what tests and operators may look at besides the public API. */
export interface SupervisedSandbox extends Sandbox {
  /** Process ids of the sandbox processes now alive. */
  processIds(): number[];
}

function count(value: number | undefined, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : fallback;
}

function refused(code: ScriptErrorCode, message: string): ScriptResult {
  return { ok: false, error: { code, message }, cpuMs: 0, wallMs: 0, hostCalls: 0 };
}

function inputJson(input: unknown): string | undefined {
  try {
    return JSON.stringify(input ?? null);
  } catch {
    return undefined;
  }
}

function checkRun(r: ScriptRun): void {
  if (typeof r?.tenantId !== 'string' || r.tenantId === '') throw new TypeError('sandbox run: tenantId is required');
  if (typeof r.code !== 'string') throw new TypeError('sandbox run: code must be a string');
  if (typeof r.host?.call !== 'function') throw new TypeError('sandbox run: host.call is required');
}

/**
 * Starts the sandbox processes and returns the runner. Each run gets its limits (its
 * own over the defaults), is refused with QUOTA when its tenant has no script CPU time
 * left this minute, and otherwise may use at most what is left.
 */
export function createSandbox(options: SandboxOptions = {}): SupervisedSandbox {
  const defaults = resolveLimits(options.defaults);
  const quotas = options.quotaBook ?? new TenantQuotas(options.tenantQuota);
  const supervisor = new Supervisor({
    processes: count(options.processes, 2, 16),
    isolatesPerProcess: count(options.isolatesPerProcess, 2, 64),
    memoryMb: defaults.memoryMb,
  });
  let lastId = 0;

  async function run(r: ScriptRun): Promise<ScriptResult> {
    checkRun(r);
    const { tenantId, code, host } = r;
    const limits = resolveLimits(defaults, r.limits);
    const cpuLeft = quotas.cpuLeft(tenantId);
    if (cpuLeft <= 0) return refused('QUOTA', `tenant ${tenantId} has used its script CPU time for this minute`);
    if (code.length > MAX_JSON_CHARS) return refused('SCRIPT_ERROR', 'the script is too large');
    const json = inputJson(r.input);
    if (json === undefined) return refused('SCRIPT_ERROR', 'the input is not JSON');
    if (json.length > MAX_JSON_CHARS) return refused('SCRIPT_ERROR', 'the input is too large');
    const cpuCappedByQuota = cpuLeft < limits.cpuMs;
    if (cpuCappedByQuota) limits.cpuMs = Math.max(1, Math.floor(cpuLeft));
    const pending = new PendingRun(
      { id: ++lastId, tenantId, code, inputJson: json, host, limits, cpuCappedByQuota },
      quotas,
    );
    supervisor.submit(pending);
    return pending.result;
  }

  return { run, close: () => supervisor.close(), processIds: () => supervisor.pids() };
}
