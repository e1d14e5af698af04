import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, call_at: { type: 'datetime' }, note: { type: 'text' } } };

describe('wait step', () => {
  const h = stepHarness();

  it('parks the run without holding a worker and wakes it from a delayed job', async () => {
    const t = await h.tenants.add([lead], [{ name: 'later', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'pause', type: 'wait', seconds: 1 }, { id: 'after', type: 'set', fields: { note: 'woke' } }] }]);
    await t.write((ctx) => createRecord('lead', { name: 'Zhao' }, ctx));
    const [run] = await t.runs();
    const waiting = await settle(t, run.id, 'waiting');
    expect(waiting.status).toBe('waiting');
    const [pause] = await t.journal(run.id);
    expect(pause.status).toBe('waiting');
    const until = new Date(pause.output.until).getTime();
    await settle(t, run.id);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(await t.sql((trx) => trx('lead').first('note'))).toEqual({ note: 'woke' });
    expect((await t.journal(run.id)).map((j) => [j.step_id, j.status, j.attempts])).toEqual([['pause', 'done', 1], ['after', 'done', 1]]);
  });

  it('waits until a date of the record, and not at all when it has passed', async () => {
    const t = await h.tenants.add([lead], [{ name: 'call', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'until', type: 'wait', until: { var: 'call_at' } }, { id: 'after', type: 'set', fields: { note: 'called' } }] }]);
    await t.write((ctx) => createRecord('lead', { name: 'Past', call_at: '2020-01-01T00:00:00Z' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    expect((await t.journal(run.id))[0].output).toEqual({ until: '2020-01-01T00:00:00.000Z' });
  });
});
