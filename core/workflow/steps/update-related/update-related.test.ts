import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord, updateRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const account: EntityDocument = { kind: 'entity', name: 'account', titleField: 'name', fields: { name: { type: 'text', required: true }, status: { type: 'text' }, last_contact: { type: 'text' } } };
const contact: EntityDocument = { kind: 'entity', name: 'contact', titleField: 'name', fields: { name: { type: 'text', required: true }, account: { type: 'reference', entity: 'account' }, active: { type: 'boolean' }, note: { type: 'text' } } };

describe('update_related step', () => {
  const h = stepHarness();

  it("updates the record's children (filtered) and its parent", async () => {
    const t = await h.tenants.add([account, contact], [
      { name: 'close', entity: 'account', trigger: { on: 'update', fields: ['status'], condition: { '==': [{ var: 'status' }, 'closed'] } },
        steps: [{ id: 'children', type: 'update_related', entity: 'contact', field: 'account', filter: { '==': [{ var: 'active' }, true] }, fields: { active: false, note: { cat: [{ var: 'name' }, ' left ', { var: '$record.name' }] } } }] },
      { name: 'touch', entity: 'contact', trigger: { on: 'create' }, steps: [{ id: 'parent', type: 'update_related', reference: 'account', fields: { last_contact: { var: '$record.name' } } }] },
    ]);
    const a = await t.write((ctx) => createRecord('account', { name: 'ACME' }, ctx));
    for (const [name, active] of [['Li', true], ['Wu', true], ['Old', false]] as const) await t.write((ctx) => createRecord('contact', { name, account: a.id, active }, ctx));
    await t.write((ctx) => updateRecord('account', a.id as string, { status: 'closed' }, ctx));
    const runs = await t.runs();
    for (const r of runs) await settle(t, r.id);
    const close = runs.find((r) => r.workflow === 'close')!;
    expect((await t.journal(close.id))[0].output).toMatchObject({ entity: 'contact', updated: 2 });
    const contacts = await t.sql((trx) => trx('contact').orderBy('name').select('name', 'active', 'note'));
    expect(contacts).toEqual([{ name: 'Li', active: false, note: 'Li left ACME' }, { name: 'Old', active: false, note: null }, { name: 'Wu', active: false, note: 'Wu left ACME' }]);
    expect((await t.sql((trx) => trx('account').first('last_contact'))).last_contact).toMatch(/^(Li|Wu|Old)$/);
  });
});
