import type { RunEnv } from './run-env.js';
import type { RunRetries } from './run-retries.js';
import { sweepLostRuns } from './sweep-lost-runs.js';

/** One beat: renew the held runs' leases, then hand on the runs whose lease ran out. */
export const heartbeatOnce = async (env: RunEnv, retries: RunRetries): Promise<void> => {
  await env.leases?.renew();
  await sweepLostRuns(env.knex, retries, env.tenants, env.leaseSeconds);
};

/**
 * Runs `beat` every `everyMs` on a timer of its own (a slow step never delays it), one at
 * a time; a failing beat is reported and the next one tries again. `stop` waits for the
 * beat under way.
 */
export const startHeartbeat = (beat: () => Promise<void>, everyMs: number, onError: (e: unknown) => void): { stop(): Promise<void> } => {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = beat()
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
