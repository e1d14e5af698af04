import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';
import { recordingHost } from './fake-host.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits.js';

const sandbox = createSandbox({ processes: 1, isolatesPerProcess: 2, defaults: { wallMs: 1000, cpuMs: 500, memoryMb: 16 } });
afterAll(() => sandbox.close());

const tenantId = 'acme';
/** Near its memory limit V8 collects garbage again and again: give that CPU time to spare. */
const roomForGc = { cpuMs: 3000, wallMs: 4000 };
/** About 24 MB of numbers held at once. */
const allocate24Mb = 'const a = []; for (let i = 0; i < 30; i++) a.push(new Array(100000).fill(i + 0.5)); return a.length';

describe('resolveLimits', () => {
  it('takes the run’s own limits over the defaults over the built-in ones', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ cpuMs: 200, wallMs: 900 }, { cpuMs: 50 })).toEqual({ ...DEFAULT_LIMITS, cpuMs: 50, wallMs: 900 });
  });

  it('clamps every limit into its bounds and ignores what is not a number', () => {
    const limits = resolveLimits({}, { memoryMb: 1, cpuMs: -5, wallMs: Number.NaN, hostCalls: 1e9 });
    expect(limits).toEqual({ memoryMb: 8, cpuMs: 1, wallMs: DEFAULT_LIMITS.wallMs, hostCalls: 100_000 });
  });
});

describe('sandbox: limits', () => {
  it('stops a run at its own CPU limit', async () => {
    const result = await sandbox.run({ tenantId, code: 'for (;;) {}', input: null, host: recordingHost(), limits: { cpuMs: 100 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CPU_LIMIT', message: 'the script used more than 100 ms of CPU time' } });
    expect(result.cpuMs).toBeGreaterThanOrEqual(100);
    expect(result.cpuMs).toBeLessThan(1000);
  });

  it('stops a run at its own wall-clock limit, host calls included', async () => {
    const slowHost = { call: () => new Promise((resolve) => setTimeout(() => resolve(1), 150)) };
    const code = 'for (let i = 0; i < 5; i++) await crm.get("a", i); return "done"';
    const result = await sandbox.run({ tenantId, code, input: null, host: slowHost, limits: { wallMs: 400 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: 'the script did not finish within 400 ms' } });
    expect(result.wallMs).toBeGreaterThanOrEqual(400);
    expect(result.wallMs).toBeLessThan(1400);
    expect(result.cpuMs).toBeLessThan(250);
  });

  it('gives each run the memory limit it asks for', async () => {
    const host = recordingHost();
    const small = await sandbox.run({ tenantId, code: allocate24Mb, input: null, host, limits: roomForGc });
    expect(small).toMatchObject({ ok: false, error: { code: 'MEMORY_LIMIT', message: 'the script used more than its 16 MB of memory' } });
    const large = await sandbox.run({ tenantId, code: allocate24Mb, input: null, host, limits: { ...roomForGc, memoryMb: 96 } });
    expect(large).toMatchObject({ ok: true, value: 30 });
  });

  it('stops a run that makes more host calls than allowed, one after another or all at once', async () => {
    const oneByOne = recordingHost();
    const code = 'for (let i = 0; i < 5; i++) await crm.get("a", i); return "done"';
    const result = await sandbox.run({ tenantId, code, input: null, host: oneByOne, limits: { hostCalls: 3 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_CALL_LIMIT', message: 'the script made more than 3 host calls' } });
    expect(oneByOne.calls).toHaveLength(3);

    const atOnce = recordingHost();
    const burst = 'await Promise.all(Array.from({ length: 500 }, (_, i) => crm.get("a", i)))';
    const flood = await sandbox.run({ tenantId, code: burst, input: null, host: atOnce, limits: { hostCalls: 10 } });
    expect(flood).toMatchObject({ ok: false, error: { code: 'HOST_CALL_LIMIT' } });
    expect(atOnce.calls.length).toBeLessThanOrEqual(10);
  });

  it('answers in time even when no isolate is free to start the run', async () => {
    const narrow = createSandbox({ processes: 1, isolatesPerProcess: 1, defaults: { memoryMb: 16 } });
    try {
      const host = recordingHost();
      const busy = narrow.run({ tenantId, code: 'await new Promise(() => {})', input: null, host, limits: { wallMs: 600 } });
      const waiting = await narrow.run({ tenantId: 'other', code: 'return 1', input: null, host, limits: { wallMs: 200 } });
      expect(waiting).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: 'no sandbox process was free to start the script within 200 ms' } });
      expect(await busy).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    } finally {
      await narrow.close();
    }
  });

  it('allows no host call at all with hostCalls 0', async () => {
    const host = recordingHost();
    const result = await sandbox.run({ tenantId, code: 'return crm.get("a", 1)', input: null, host, limits: { hostCalls: 0 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_CALL_LIMIT' } });
    expect(host.calls).toHaveLength(0);
  });
});
