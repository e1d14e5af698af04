import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';
import { recordingHost } from './fake-host.js';

const sandbox = createSandbox({ processes: 1, isolatesPerProcess: 2, defaults: { wallMs: 2000, memoryMb: 16 } });
afterAll(() => sandbox.close());

describe('sandbox: running scripts', () => {
  it('runs a script with input and the four host calls, each crossing as a copy', async () => {
    const host = recordingHost((method, args) => (method === 'list' ? [{ id: 1 }, { id: 2 }] : { method, args }));
    const code = `
      const got = await crm.get('customer', input.id);
      const listed = await crm.list('contact', { filter: { '==': [{ var: 'customer_id' }, input.id] } });
      const made = await crm.create('activity', { subject: 'Call ' + got.args[1] });
      const changed = await crm.update('customer', input.id, { level: 'A' });
      return { count: listed.length, made: made.args, changed: changed.args };
    `;
    const result = await sandbox.run({ tenantId: 'acme', code, input: { id: 7 }, host });
    expect(result).toMatchObject({
      ok: true,
      value: { count: 2, made: ['activity', { subject: 'Call 7' }], changed: ['customer', 7, { level: 'A' }] },
      hostCalls: 4,
    });
    expect(host.calls.map((c) => c.method)).toEqual(['get', 'list', 'create', 'update']);
    expect(host.calls[1].args).toEqual(['contact', { filter: { '==': [{ var: 'customer_id' }, 7] } }]);
    expect(result.wallMs).toBeGreaterThan(0);
  });

  it('hands the script a copy of the input and the caller a copy of the result', async () => {
    const input = { tags: ['a'] };
    const result = await sandbox.run({
      tenantId: 'acme',
      code: 'input.tags.push("b"); return input',
      input,
      host: recordingHost(),
    });
    expect(result).toMatchObject({ ok: true, value: { tags: ['a', 'b'] } });
    expect(input.tags).toEqual(['a']);
  });

  it('turns a failing host call into an error the script can catch', async () => {
    const host = recordingHost(() => {
      throw new Error('customer 9 not found');
    });
    const code = `try { await crm.get('customer', 9) } catch (e) { return e.name + ': ' + e.message }`;
    const result = await sandbox.run({ tenantId: 'acme', code, input: null, host });
    expect(result).toMatchObject({ ok: true, value: 'CrmError: customer 9 not found' });
  });

  it('gives every run a fresh context: no globals or prototype changes carry over', async () => {
    const host = recordingHost();
    await sandbox.run({ tenantId: 'a', code: 'globalThis.leak = 1; Object.prototype.polluted = 1', input: null, host });
    const code = 'return [typeof leak, typeof ({}).polluted, typeof __crmStart]';
    for (let i = 0; i < 3; i++) {
      const result = await sandbox.run({ tenantId: 'b', code, input: null, host });
      expect(result).toMatchObject({ ok: true, value: ['undefined', 'undefined', 'undefined'] });
    }
  });

  it('reports script errors with their message', async () => {
    const host = recordingHost();
    const cases: [string, string][] = [
      ['throw new TypeError("bad level")', 'TypeError: bad level'],
      ['return )(', "SyntaxError: Unexpected token ')'"],
      ['throw "plain"', 'Uncaught plain'],
      ['return 10n', 'the result is not JSON'],
    ];
    for (const [code, message] of cases) {
      const result = await sandbox.run({ tenantId: 'acme', code, input: null, host });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('SCRIPT_ERROR');
        expect(result.error.message).toContain(message);
      }
    }
  });

  it('runs many scripts at once', async () => {
    const host = recordingHost((_, args) => args[1]);
    const runs = Array.from({ length: 20 }, (_, i) =>
      sandbox.run({ tenantId: `t${i % 3}`, code: 'return (await crm.get("x", input)) * 2', input: i, host }),
    );
    const values = (await Promise.all(runs)).map((r) => (r.ok ? r.value : r.error.message));
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });
});
