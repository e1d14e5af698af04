import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true } } };
const task: EntityDocument = { kind: 'entity', name: 'task', titleField: 'subject', fields: { subject: { type: 'text', required: true }, lead: { type: 'reference', entity: 'lead' } } };

describe('create step', () => {
  const h = stepHarness();

  it('creates a record from json-logic values and hands its id to later steps', async () => {
    const t = await h.tenants.add([lead, task], [{
      name: 'follow_up', entity: 'lead', trigger: { on: 'create' },
      steps: [
        { id: 'task', type: 'create', entity: 'task', fields: { subject: { cat: ['Call ', { var: 'name' }] }, lead: { var: 'id' } } },
        { id: 'again', type: 'create', entity: 'task', fields: { subject: { cat: ['After ', { var: '$steps.task.id' }] } } },
      ],
    }]);
    const l = await t.write((ctx) => createRecord('lead', { name: 'Wang' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const tasks = await t.sql((trx) => trx('task').orderBy('id').select('id', 'subject', 'lead'));
    expect(tasks[0]).toMatchObject({ subject: 'Call Wang', lead: l.id });
    expect(tasks[1].subject).toBe(`After ${tasks[0].id}`);
    expect((await t.journal(run.id))[0].output).toEqual({ entity: 'task', id: tasks[0].id });
  });
});
