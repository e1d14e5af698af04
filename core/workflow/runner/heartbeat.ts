import type { RunEnv } from './run-env.js';
import type { RunRetries } from './run-retries.js';
import { sweepLostRuns } from './sweep-lost-runs.js';
import { wakeOrphanRuns } from './wake-orphan-runs.js';

/** Every this many beats, the backstop for runs left without a job (`wake-orphan-runs.ts`). */
const ORPHAN_EVERY = 6;

/**
 * One beat: renew the held runs' leases, then hand on the runs whose lease ran out; every
 * sixth beat also wake runs whose lease ran out long ago with no job left to retry.
 */
export const heartbeatOnce = async (env: RunEnv, retries: RunRetries, beat = 0): Promise<void> => {
  await env.leases?.renew();
  await sweepLostRuns(env.knex, retries, env.tenants, env.leaseSeconds);
  if (beat % ORPHAN_EVERY === ORPHAN_EVERY - 1) await wakeOrphanRuns(env.knex, env.leaseSeconds);
};

/**
 * Runs `beat` every `everyMs` on a timer of its own (a slow step never delays it), one at
 * a time; a failing beat is reported and the next one tries again. `stop` waits for the
 * beat under way.
 */
export const startHeartbeat = (beat: (n: number) => Promise<void>, everyMs: number, onError: (e: unknown) => void): { stop(): Promise<void> } => {
  let running: Promise<void> | undefined;
  let beats = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = beat(beats++)
      .catch(onError)
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
