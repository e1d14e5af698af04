import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../metadata/types.js';
import { createRecord } from '../../records/index.js';
import { stepTypes } from '../steps/registry.js';
import { settle, stepHarness } from '../test-support/step-harness.js';
import { defineStep } from '../types.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, stage: { type: 'text' } } };
const task: EntityDocument = { kind: 'entity', name: 'task', titleField: 'subject', fields: { subject: { type: 'text', required: true } } };

describe('a run that crashes part-way resumes without losing or repeating an effect', () => {
  const h = stepHarness();

  it('repeats no finished step, rolls back a step that crashed inside its transaction, and resends an outbound effect with the same key', async () => {
    const sent: string[] = [];
    let txCrashes = 1;
    let effectCrashes = 1;
    h.worker.env.steps = {
      ...stepTypes,
      crash_in_tx: defineStep({
        type: 'crash_in_tx', kind: 'tx', schema: { type: 'object' },
        async run(_step, ctx) {
          await createRecord('task', { subject: `task of ${ctx.data.name}` }, ctx.records!);
          if (txCrashes-- > 0) throw new Error('worker died inside the transaction');
          return { output: { made: true } };
        },
      }),
      crash_after_send: defineStep({
        type: 'crash_after_send', kind: 'effect', schema: { type: 'object' },
        async run(_step, ctx) {
          sent.push(ctx.idempotencyKey);
          if (effectCrashes-- > 0) throw new Error('worker died after sending, before journaling');
          return { output: { sent: ctx.idempotencyKey } };
        },
      }),
    };
    const t = await h.tenants.add([lead, task], [{
      name: 'flow', entity: 'lead', trigger: { on: 'create' },
      steps: [
        { id: 'first', type: 'set', fields: { stage: 'working' } },
        { id: 'tx', type: 'crash_in_tx' },
        { id: 'send', type: 'crash_after_send' },
        { id: 'last', type: 'set', fields: { stage: 'done' } },
      ],
    }]);
    const l = await t.write((ctx) => createRecord('lead', { name: 'Qian' }, ctx));
    const [run] = await t.runs();
    const done = await settle(t, run.id, 'completed', 30_000);
    expect(done.attempts).toBe(3);
    expect(await t.sql((trx) => trx('task').pluck('subject'))).toEqual(['task of Qian']);
    expect(sent).toEqual([`${run.id}-2`, `${run.id}-2`]);
    expect((await t.journal(run.id)).map((j) => [j.step_id, j.status, j.attempts])).toEqual([['first', 'done', 1], ['tx', 'done', 2], ['send', 'done', 2], ['last', 'done', 1]]);
    const history = await t.sql((trx) => trx('_history').where({ record_id: l.id, action: 'update' }).orderBy('id').pluck('changes'));
    expect(history).toEqual([{ stage: [null, 'working'] }, { stage: ['working', 'done'] }]);
    h.worker.env.steps = stepTypes;
  });
});
