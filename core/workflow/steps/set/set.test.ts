import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const deal: EntityDocument = { kind: 'entity', name: 'deal', titleField: 'title', fields: { title: { type: 'text', required: true }, amount: { type: 'decimal' }, fee: { type: 'decimal' }, stage: { type: 'text', maxLength: 5 } } };
const flow = (steps: unknown[]) => ({ name: 'flow', entity: 'deal', trigger: { on: 'create' }, steps });

describe('set step', () => {
  const h = stepHarness();

  it('sets fields from json-logic over the record, skips a step whose condition fails, and journals input and output', async () => {
    const t = await h.tenants.add([deal], [flow([
      { id: 'fee', type: 'set', fields: { fee: { '*': [{ var: 'amount' }, 0.1] }, stage: 'open' } },
      { id: 'never', type: 'set', condition: { '>': [{ var: 'amount' }, 1000] }, fields: { stage: 'big' } },
    ])]);
    const d = await t.write((ctx) => createRecord('deal', { title: 'Pumps', amount: 200 }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('deal').where({ id: d.id }).first('fee', 'stage'))).toEqual({ fee: 20, stage: 'open' });
    const journal = await t.journal(run.id);
    expect(journal.map((j) => [j.step_id, j.status, j.output])).toEqual([['fee', 'done', { fields: { fee: 20, stage: 'open' }, version: 2 }], ['never', 'done', { skipped: true }]]);
    expect(journal[0].input).toEqual({ fields: { fee: { '*': [{ var: 'amount' }, 0.1] }, stage: 'open' } });
  });

  it('fails the run at once on bad options or a value the record refuses, with the error journaled', async () => {
    const t = await h.tenants.add([deal], [flow([{ id: 'bad', type: 'set', fields: { stage: 'far too long' } }])]);
    await t.write((ctx) => createRecord('deal', { title: 'X' }, ctx));
    const [run] = await t.runs();
    const failed = await settle(t, run.id, 'failed');
    expect(failed.error).toMatchObject({ step: 'bad', code: 'INVALID_INPUT' });
    expect(failed.attempts).toBe(1);
    expect((await t.journal(run.id))[0]).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } });
    const u = await h.tenants.add([deal], [flow([{ id: 'odd', type: 'set', fields: {}, extra: 1 }])]);
    await u.write((ctx) => createRecord('deal', { title: 'Y' }, ctx));
    const [bad] = await u.runs();
    expect((await settle(u, bad.id, 'failed')).error).toMatchObject({ code: 'INVALID_STEP' });
  });
});
