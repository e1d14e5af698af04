/**
 * Messages between the parent and a sandbox process (worker/main.mjs), sent over the
 * fork IPC channel as JSON. User data travels inside them as JSON text, so the child
 * passes it through without building objects from it.
 */
import type { HostMethod, ScriptErrorCode } from './types.js';

export const HOST_METHODS: readonly HostMethod[] = ['get', 'list', 'create', 'update', 'secret'];

/** Largest JSON text accepted for a host call's arguments or answer, or a result. */
export const MAX_JSON_CHARS = 4 * 1024 * 1024;

export interface WorkerLimits {
  memoryMb: number;
  cpuMs: number;
  hostCalls: number;
}

export type ToWorker =
  | { type: 'run'; id: number; code: string; input: string; limits: WorkerLimits }
  | { type: 'host-result'; id: number; callId: number; ok: true; value: string }
  | { type: 'host-result'; id: number; callId: number; ok: false; message: string }
  | { type: 'cancel'; id: number; code: ScriptErrorCode; message: string };

export type WorkerOutcome =
  | { ok: true; value: unknown }
  | { ok: false; code: ScriptErrorCode; message: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'host'; id: number; callId: number; method: string; args: string }
  | { type: 'done'; id: number; outcome: WorkerOutcome; cpuMs: number };

export function isHostMethod(method: unknown): method is HostMethod {
  return typeof method === 'string' && (HOST_METHODS as readonly string[]).includes(method);
}
