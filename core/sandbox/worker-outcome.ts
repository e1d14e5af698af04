import type { WorkerOutcome } from './protocol.js';
import type { ScriptErrorCode } from './types.js';

const CODES: readonly ScriptErrorCode[] = [
  'TIMEOUT',
  'CPU_LIMIT',
  'MEMORY_LIMIT',
  'HOST_CALL_LIMIT',
  'QUOTA',
  'SCRIPT_ERROR',
  'SANDBOX_CRASHED',
];

/**
 * A sandbox process's report of a run, checked: the process ran hostile code, so its
 * messages are taken as data of a known shape, nothing more.
 */
export function checkOutcome(outcome: unknown): WorkerOutcome {
  const o = (outcome ?? {}) as { ok?: unknown; value?: unknown; code?: unknown; message?: unknown };
  if (o.ok === true) return { ok: true, value: o.value };
  const code = CODES.includes(o.code as ScriptErrorCode) ? (o.code as ScriptErrorCode) : 'SANDBOX_CRASHED';
  const message = typeof o.message === 'string' ? o.message.slice(0, 2000) : 'the sandbox sent no message';
  return { ok: false, code, message };
}

export function checkCpuMs(cpuMs: unknown): number {
  return typeof cpuMs === 'number' && Number.isFinite(cpuMs) && cpuMs >= 0 ? cpuMs : 0;
}
