import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { putSecret } from '../../../security/index.js';
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
    const [js] = await t.journal(run.id);
    expect(js.output).toEqual({ task: 'Call Zhou' });
    expect(js.measures).toMatchObject({ cpuMs: expect.any(Number), wallMs: expect.any(Number), hostCalls: 3 });
  });

  it('outputs what the script returns, so later steps read $steps.<id>.<key>; its CPU and wall time sit beside it in the journal', async () => {
    const wf = { ...scripted('return { score: input.name.length * 7 }'), steps: [
      { id: 'js', type: 'script', code: 'return { score: input.name.length * 7 }' },
      { id: 'keep', type: 'set', fields: { score: { var: '$steps.js.score' } } },
    ] };
    const t = await h.tenants.add([lead, task], [wf]);
    const l = await t.write((ctx) => createRecord('lead', { name: 'Wu' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('lead').where({ id: l.id }).first('score'))).toEqual({ score: 14 });
    const [js, keep] = await t.journal(run.id);
    expect(js).toMatchObject({ output: { score: 14 }, measures: { hostCalls: 0 } });
    expect(js.measures!.cpuMs).toBeGreaterThanOrEqual(0);
    expect(js.measures!.wallMs).toBeGreaterThan(0);
    expect(keep.measures).toBeNull();
  });

  it('fails the step with a clear message and leaves none of its writes when the script loops or throws', async () => {
    const loops = await h.tenants.add([lead, task], [scripted(`await crm.create('task', { subject: 'half' }); while (true) {}`, { limits: { cpuMs: 200, wallMs: 2000 } })]);
    await loops.write((ctx) => createRecord('lead', { name: 'Loop' }, ctx));
    const [run] = await loops.runs();
    const failed = await settle(loops, run.id, 'failed', 30_000);
    expect(failed.error!.code).toMatch(/^SCRIPT_(CPU_LIMIT|TIMEOUT)$/);
    expect((await loops.journal(run.id))[0].measures).toMatchObject({ cpuMs: expect.any(Number), wallMs: expect.any(Number) });
    expect(await loops.sql((trx) => trx('task').count('* as n').first())).toMatchObject({ n: 0 });
    const throws = await h.tenants.add([lead, task], [scripted(`throw new Error('no phone number')`)]);
    await throws.write((ctx) => createRecord('lead', { name: 'Err' }, ctx));
    const [bad] = await throws.runs();
    expect((await settle(throws, bad.id, 'failed')).error).toMatchObject({ code: 'SCRIPT_ERROR', message: expect.stringContaining('no phone number') });
  });

  it("reads the tenant's vault secrets by name and never lets their values into the journal", async () => {
    const code = `
      const token = await crm.secret('PARTNER_TOKEN');
      await crm.update('lead', input.id, { score: token.length });
      return { echoed: 'token=' + token, length: token.length };`;
    const t = await h.tenants.add([lead, task], [scripted(code)]);
    await putSecret(h.db.knex, { tenantId: t.tenant.id, name: 'PARTNER_TOKEN', value: 'tok-0123456789abcdef' });
    const l = await t.write((ctx) => createRecord('lead', { name: 'Vault' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('lead').where({ id: l.id }).first('score'))).toEqual({ score: 20 });
    const [js] = await t.journal(run.id);
    expect(js.output).toEqual({ echoed: 'token=••••••••', length: 20 });
    expect(JSON.stringify(await t.journal(run.id))).not.toContain('tok-0123456789abcdef');

    // A name the vault does not hold fails the step by name; a name the code does not write out is refused.
    const missing = await h.tenants.add([lead, task], [scripted(`return await crm.secret('NOT_THERE')`)]);
    await missing.write((ctx) => createRecord('lead', { name: 'Missing' }, ctx));
    const [m] = await missing.runs();
    expect((await settle(missing, m.id, 'failed')).error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('NOT_THERE') });
    const computed = await h.tenants.add([lead, task], [scripted(`const n = 'PARTNER_' + 'TOKEN'; return await crm.secret(n)`)]);
    await computed.write((ctx) => createRecord('lead', { name: 'Computed' }, ctx));
    const [c] = await computed.runs();
    expect((await settle(computed, c.id, 'failed')).error!.message).toContain('crm.secret');
  });
});
