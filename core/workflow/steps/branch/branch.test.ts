import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const deal: EntityDocument = { kind: 'entity', name: 'deal', titleField: 'title', fields: { title: { type: 'text', required: true }, amount: { type: 'decimal' }, tier: { type: 'text' }, note: { type: 'text' } } };
const flow = {
  name: 'tiers', entity: 'deal', trigger: { on: 'create' },
  steps: [
    { id: 'size', type: 'branch', cases: [{ when: { '>=': [{ var: 'amount' }, 1000] }, next: 'big' }, { when: { '>=': [{ var: 'amount' }, 100] }, next: 'mid' }], default: 'small' },
    { id: 'big', type: 'set', fields: { tier: 'big' }, next: 'check' },
    { id: 'mid', type: 'set', fields: { tier: 'mid' }, next: 'check' },
    { id: 'small', type: 'set', fields: { tier: 'small' } },
    { id: 'check', type: 'branch', if: { '==': [{ var: '$steps.size.taken' }, 'case 1'] }, then: 'flag', else: null },
    { id: 'flag', type: 'set', fields: { note: 'review' } },
  ],
};

describe('branch step', () => {
  const h = stepHarness();

  it('goes down the path its conditions choose, and may end the run', async () => {
    const t = await h.tenants.add([deal], [flow]);
    for (const [title, amount] of [['A', 5000], ['B', 500], ['C', 5]] as const) await t.write((ctx) => createRecord('deal', { title, amount }, ctx));
    const runs = await t.runs();
    for (const r of runs) await settle(t, r.id);
    expect(await t.sql((trx) => trx('deal').orderBy('title').select('title', 'tier', 'note'))).toEqual([
      { title: 'A', tier: 'big', note: 'review' },
      { title: 'B', tier: 'mid', note: null },
      { title: 'C', tier: 'small', note: null },
    ]);
    const paths = await Promise.all(runs.map(async (r) => (await t.journal(r.id)).map((j) => j.step_id)));
    expect(paths).toEqual([['size', 'big', 'check', 'flag'], ['size', 'mid', 'check'], ['size', 'small', 'check']]);
  });
});
