import type { ScriptLimits } from './types.js';

export type Limits = Required<ScriptLimits>;

export const DEFAULT_LIMITS: Limits = { memoryMb: 32, cpuMs: 1000, wallMs: 5000, hostCalls: 100 };

/** Bounds every limit is clamped to, whoever sets it. */
const BOUNDS: Record<keyof Limits, [min: number, max: number]> = {
  memoryMb: [8, 1024],
  cpuMs: [1, 60_000],
  wallMs: [1, 600_000],
  hostCalls: [0, 100_000],
};

function pick(key: keyof Limits, ...candidates: (number | undefined)[]): number {
  const value = candidates.find((v) => typeof v === 'number' && Number.isFinite(v)) ?? DEFAULT_LIMITS[key];
  const [min, max] = BOUNDS[key];
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** A run's own limits over the sandbox's defaults over the built-in ones, each clamped. */
export function resolveLimits(defaults: ScriptLimits = {}, own: ScriptLimits = {}): Limits {
  return {
    memoryMb: pick('memoryMb', own.memoryMb, defaults.memoryMb),
    cpuMs: pick('cpuMs', own.cpuMs, defaults.cpuMs),
    wallMs: pick('wallMs', own.wallMs, defaults.wallMs),
    hostCalls: pick('hostCalls', own.hostCalls, defaults.hostCalls),
  };
}
