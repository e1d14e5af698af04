/**
 * One run inside a sandbox process: a fresh context on a pooled isolate, the bootstrap,
 * the script, a CPU watchdog, and host calls relayed through `channel`. Everything the
 * run creates is released in `finally`; an isolate that failed the run is disposed.
 */
import { BOOTSTRAP, SCRIPT_ORIGIN, wrapScript } from './bootstrap.mjs';
import { dispose } from './isolate-pool.mjs';
import { failureOf, outcomeOf } from './outcome.mjs';

/**
 * @param {typeof import('isolated-vm')} ivm
 * @param {import('./isolate-pool.mjs').IsolatePool} pool
 * @param {{ id: number, code: string, input: string, limits: { memoryMb: number, cpuMs: number, hostCalls: number } }} job
 * @param {{ hostCall(id: number, callId: number, method: unknown, args: unknown): void,
 *           register(id: number, handlers: { cancel(code: string, message: string): void,
 *             deliver(callId: number, ok: boolean, text: string): void }): void,
 *           unregister(id: number): void }} channel
 */
export async function runScript(ivm, pool, job, channel) {
  const { limits } = job;
  const slot = pool.acquire(limits.memoryMb);
  const { isolate } = slot;
  const cpuStart = isolate.cpuTime;
  const wallStart = performance.now();
  let cpuMs = 0;
  let stopped = null;
  let hostCalls = 0;
  let timer, context, deliver, script, send;

  const readCpu = () => {
    try {
      if (!isolate.isDisposed) cpuMs = Number(isolate.cpuTime - cpuStart) / 1e6;
    } catch {
      // disposed meanwhile: keep the last reading
    }
    return cpuMs;
  };
  const stop = (code, message) => {
    if (stopped) return;
    readCpu();
    stopped = { code, message };
    dispose(isolate);
  };
  // CPU time cannot run ahead of the clock, so sleeping for what is left is exact enough.
  const watch = () => {
    const left = limits.cpuMs - readCpu();
    if (left <= 0) stop('CPU_LIMIT', `the script used more than ${limits.cpuMs} ms of CPU time`);
    else timer = setTimeout(watch, Math.max(1, Math.ceil(left)));
  };

  channel.register(job.id, {
    cancel: stop,
    deliver(callId, ok, text) {
      if (stopped || !deliver) return;
      try {
        deliver.applyIgnored(undefined, [callId, ok, text], { arguments: { copy: true } });
      } catch {
        // the isolate is gone; the run is ending anyway
      }
    },
  });

  let outcome;
  try {
    send = new ivm.Callback(
      (callId, method, args) => {
        if (stopped) return;
        if (++hostCalls > limits.hostCalls) {
          stop('HOST_CALL_LIMIT', `the script made more than ${limits.hostCalls} host calls`);
          return;
        }
        channel.hostCall(job.id, callId, method, args);
      },
      { ignored: true },
    );
    watch();
    context = await isolate.createContext();
    deliver = await context.evalClosure(BOOTSTRAP, [send, job.input], { result: { reference: true } });
    script = await isolate.compileScript(wrapScript(job.code), SCRIPT_ORIGIN);
    outcome = outcomeOf(await script.run(context, { promise: true, copy: true }));
  } catch (error) {
    outcome = failureOf(error, isolate, limits);
  } finally {
    clearTimeout(timer);
    readCpu();
    // V8 disposed the isolate itself (memory limit) before the last reading: charge the
    // time the run took, which CPU time cannot exceed.
    if (isolate.isDisposed && !stopped) cpuMs = Math.max(cpuMs, performance.now() - wallStart);
    channel.unregister(job.id);
    for (const handle of [script, deliver, context]) release(handle);
    if (stopped) outcome = { ok: false, ...stopped };
    pool.release(slot, outcome?.ok === true);
  }
  return { outcome, cpuMs };
}

function release(handle) {
  try {
    handle?.release();
  } catch {
    // released with its isolate
  }
}
