import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';
import { recordingHost } from './fake-host.js';
import type { ScriptErrorCode, ScriptHost, ScriptLimits } from './types.js';

const sandbox = createSandbox({
  processes: 2,
  isolatesPerProcess: 2,
  defaults: { wallMs: 1000, cpuMs: 300, memoryMb: 16 },
});
afterAll(() => sandbox.close());

/** A host whose calls never answer. */
const silentHost: ScriptHost = { call: () => new Promise(() => {}) };

/** Near its memory limit V8 collects garbage again and again: give that CPU time to spare. */
const roomForGc: ScriptLimits = { cpuMs: 3000, wallMs: 4000 };

const hostile: [name: string, code: string, expected: ScriptErrorCode, message: RegExp, limits?: ScriptLimits][] = [
  ['loops forever', 'while (true) {}', 'CPU_LIMIT', /more than 300 ms of CPU/],
  ['loops after a host call', 'await crm.get("a", 1); for (;;) {}', 'CPU_LIMIT', /CPU/],
  ['allocates without end', 'const a = []; for (;;) a.push(new Array(1000).fill(a.length))', 'MEMORY_LIMIT', /16 MB/, roomForGc],
  ['awaits forever', 'await new Promise(() => {})', 'TIMEOUT', /within 1000 ms/],
  ['reaches for constructor.constructor', 'return constructor.constructor("return process")().pid', 'SCRIPT_ERROR', /process is not defined/],
  ['reaches for process', 'return process.env', 'SCRIPT_ERROR', /process is not defined/],
  ['reaches for require', 'return require("child_process")', 'SCRIPT_ERROR', /require is not defined/],
  ['reaches for globalThis.process', 'return globalThis.process.mainModule', 'SCRIPT_ERROR', /reading 'mainModule'/],
  ['reaches for import()', 'return await import("node:fs")', 'SCRIPT_ERROR', /import\(\) is not available/],
  ['reaches for WebAssembly memory', 'return new WebAssembly.Memory({ initial: 1, maximum: 65536 })', 'SCRIPT_ERROR', /WebAssembly is not defined/],
  ['blocks on Atomics.wait', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)', 'SCRIPT_ERROR', /Atomics is not defined/],
];

async function normalRunSucceeds(tenantId: string): Promise<void> {
  const result = await sandbox.run({ tenantId, code: 'return (await crm.get("n", input)).args[1] + 1', input: 41, host: recordingHost() });
  expect(result).toMatchObject({ ok: true, value: 42 });
}

describe('sandbox: hostile scripts fail clearly and the sandbox carries on', () => {
  for (const [name, code, expected, message, limits] of hostile) {
    it(`a script that ${name}`, async () => {
      const result = await sandbox.run({ tenantId: 'evil', code, input: null, host: recordingHost(), limits });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(expected);
        expect(result.error.message).toMatch(message);
      }
      await normalRunSucceeds('good');
    });
  }

  it('finds only the isolate\'s own Function behind a host answer', async () => {
    const code = 'const r = await crm.get("a", 1); return r.constructor.constructor("return typeof process + typeof require")()';
    const result = await sandbox.run({ tenantId: 'evil', code, input: null, host: recordingHost() });
    expect(result).toMatchObject({ ok: true, value: 'undefinedundefined' });
  });

  it('sees no sandbox internals in its scope', async () => {
    const code = 'return [typeof $0, typeof $1, typeof send, typeof pending, typeof __crmStart, typeof ivm]';
    const result = await sandbox.run({ tenantId: 'evil', code, input: null, host: recordingHost() });
    expect(result).toMatchObject({ ok: true, value: Array(6).fill('undefined') });
  });

  it('awaits a host call that never answers until the wall-clock limit', async () => {
    const result = await sandbox.run({ tenantId: 'evil', code: 'return await crm.get("a", 1)', input: null, host: silentHost });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' }, hostCalls: 1 });
    await normalRunSucceeds('good');
  });

  it("serves another tenant's normal run while hostile scripts run", async () => {
    const attacks = [
      sandbox.run({ tenantId: 'evil', code: 'while (true) {}', input: null, host: recordingHost() }),
      sandbox.run({ tenantId: 'evil', code: 'const a = []; for (;;) a.push(new Array(1000).fill(0))', input: null, host: recordingHost(), limits: roomForGc }),
      sandbox.run({ tenantId: 'evil', code: 'await new Promise(() => {})', input: null, host: recordingHost() }),
    ];
    const normal = normalRunSucceeds('good');
    const [loop, , forever] = attacks;
    const first = await Promise.race([normal.then(() => 'normal'), loop.then(() => 'loop'), forever.then(() => 'forever')]);
    expect(first).toBe('normal');
    await normal;
    const outcomes = await Promise.all(attacks);
    expect(outcomes.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['CPU_LIMIT', 'MEMORY_LIMIT', 'TIMEOUT']);
    await normalRunSucceeds('good');
  });
});
