import type { HostMethod, ScriptHost } from './types.js';

export interface RecordingHost extends ScriptHost {
  calls: { method: HostMethod; args: unknown[] }[];
}

/**
 * A stand-in for the caller's host (tests and the benchmark): records every call and
 * answers with `answer(method, args)`, by default an echo of the call.
 */
export function recordingHost(
  answer: (method: HostMethod, args: unknown[]) => unknown = (method, args) => ({ method, args }),
): RecordingHost {
  const calls: RecordingHost['calls'] = [];
  return {
    calls,
    async call(method, args) {
      calls.push({ method, args });
      return answer(method, args);
    },
  };
}
