import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, score: { type: 'integer' } } };
const task: EntityDocument = { kind: 'entity', name: 'task', titleField: 'subject', fields: { subject: { type: 'text', required: true } } };
const scripted = (code: string, extra: Record<string, unknown> = {}) => ({ name: 'scripted', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'js', type: 'script', code, ...extra }] });

describe('script step', () => {
  const h = stepHarness();

  it('runs in the sandbox with the record as input and writes through the record service', async () => {
    const code = `
      const me = await crm.get('lead', input.id);
      await crm.update('lead', input.id, { score: me.name.length * 10 });
      const t = await crm.create('task', { subject: 'Call ' + input.name });
      return { task: t.subject };`;
    const t = await h.tenants.add([lead, task], [scripted(code)]);
    const l = await t.write((ctx) => createRecord('lead', { name: 'Zhou' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('lead').where({ id: l.id }).first('score'))).toEqual({ score: 40 });
    expect(await t.sql((trx) => trx('task').pluck('subject'))).toEqual(['Call Zhou']);
    expect((await t.journal(run.id))[0].output).toMatchObject({ value: { task: 'Call Zhou' }, hostCalls: 3 });
  });

  it('fails the step with a clear message and leaves none of its writes when the script loops or throws', async () => {
    const loops = await h.tenants.add([lead, task], [scripted(`await crm.create('task', { subject: 'half' }); while (true) {}`, { limits: { cpuMs: 200, wallMs: 2000 } })]);
    await loops.write((ctx) => createRecord('lead', { name: 'Loop' }, ctx));
    const [run] = await loops.runs();
    const failed = await settle(loops, run.id, 'failed', 30_000);
    expect(failed.error!.code).toMatch(/^SCRIPT_(CPU_LIMIT|TIMEOUT)$/);
    expect(await loops.sql((trx) => trx('task').count('* as n').first())).toMatchObject({ n: 0 });
    const throws = await h.tenants.add([lead, task], [scripted(`throw new Error('no phone number')`)]);
    await throws.write((ctx) => createRecord('lead', { name: 'Err' }, ctx));
    const [bad] = await throws.runs();
    expect((await settle(throws, bad.id, 'failed')).error).toMatchObject({ code: 'SCRIPT_ERROR', message: expect.stringContaining('no phone number') });
  });
});
