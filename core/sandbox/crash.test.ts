import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './create-sandbox.js';
import { recordingHost } from './fake-host.js';
import type { ScriptHost } from './types.js';

const sandbox = createSandbox({ processes: 1, isolatesPerProcess: 2, defaults: { wallMs: 1000, memoryMb: 16 } });
afterAll(() => sandbox.close());

/** A host whose first call tells the test the run is under way, and never answers. */
function hangingHost(): { host: ScriptHost; called: Promise<void> } {
  let signal!: () => void;
  const called = new Promise<void>((resolve) => (signal = resolve));
  return { host: { call: () => (signal(), new Promise(() => {})) }, called };
}

async function newProcess(old: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const [pid] = sandbox.processIds();
    if (pid !== undefined && pid !== old) return pid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no new sandbox process');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A plain run. Its wall-clock limit counts from submission, so it also covers waiting for a
 * replacement process to start: generous here, as a loaded machine starts one slowly.
 */
const normal = { tenantId: 'other', code: 'return 1 + 1', input: null, host: recordingHost(), limits: { wallMs: 30_000 } };

describe('sandbox: a sandbox process that dies', () => {
  it('fails the runs it held with SANDBOX_CRASHED and is replaced', async () => {
    const { host, called } = hangingHost();
    const inFlight = [
      sandbox.run({ tenantId: 'a', code: 'return crm.get("x", 1)', input: null, host }),
      sandbox.run({ tenantId: 'b', code: 'await new Promise(() => {})', input: null, host: recordingHost() }),
    ];
    await called;
    const [pid] = sandbox.processIds();
    process.kill(pid, 'SIGKILL');
    for (const result of await Promise.all(inFlight)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_CRASHED' } });
      if (!result.ok) expect(result.error.message).toContain('SIGKILL');
    }
    expect(await newProcess(pid)).not.toBe(pid);
    expect(await sandbox.run(normal)).toMatchObject({ ok: true, value: 2 });
  });

  it('queues runs while the process restarts', async () => {
    const [pid] = sandbox.processIds();
    process.kill(pid, 'SIGKILL');
    while (sandbox.processIds().includes(pid)) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sandbox.processIds()).toEqual([]);
    const results = await Promise.all([1, 2, 3].map(() => sandbox.run(normal)));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('kills a process that does not give up a run past its wall-clock limit', async () => {
    const { host, called } = hangingHost();
    const run = sandbox.run({ tenantId: 'a', code: 'return crm.get("x", 1)', input: null, host, limits: { wallMs: 300 } });
    await called;
    const [pid] = sandbox.processIds();
    process.kill(pid, 'SIGSTOP');
    const result = await run;
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(result.wallMs).toBeGreaterThanOrEqual(300);
    expect(await newProcess(pid)).not.toBe(pid);
    expect(alive(pid)).toBe(false);
    expect(await sandbox.run(normal)).toMatchObject({ ok: true, value: 2 });
  });

  it('leaves no process behind when closed, and refuses runs afterwards', async () => {
    const spare = createSandbox({ processes: 2 });
    expect(await spare.run(normal)).toMatchObject({ ok: true });
    const pids = spare.processIds();
    expect(pids).toHaveLength(2);
    await spare.close();
    expect(pids.filter(alive)).toEqual([]);
    expect(await spare.run(normal)).toMatchObject({ ok: false, error: { code: 'SANDBOX_CRASHED', message: 'the sandbox is closed' } });
  });
});

describe.runIf(existsSync('/proc/self/cmdline'))('sandbox: the sandbox process', () => {
  it('inherits no environment and runs under Node\'s permission model', async () => {
    expect(await sandbox.run(normal)).toMatchObject({ ok: true });
    const [pid] = sandbox.processIds();
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    expect(environment.every((entry) => entry.startsWith('NODE_CHANNEL_'))).toBe(true);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(args).toContain('--experimental-permission');
    expect(args.some((a) => a.startsWith('--allow-fs-write') || a === '--allow-child-process')).toBe(false);
  });
});
