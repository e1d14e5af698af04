import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { addUser, settle, stepHarness } from '../../test-support/step-harness.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, region: { type: 'text' } } };
const assign = (step: Record<string, unknown>) => ({ name: 'route', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'who', type: 'assign', ...step }] });

describe('assign step', () => {
  const h = stepHarness();

  const ownersAfter = async (t: Awaited<ReturnType<typeof h.tenants.add>>, names: (string | [string, string])[]) => {
    for (const n of names) {
      const [name, region] = Array.isArray(n) ? n : [n, null];
      await t.write((ctx) => createRecord('lead', { name, region }, ctx));
      for (const r of await t.runs()) await settle(t, r.id);
    }
    return t.sql((trx) => trx('lead').orderBy('id').pluck('owner_id'));
  };

  it('round-robin takes the role holders in turn', async () => {
    const t = await h.tenants.add([lead], [assign({ strategy: 'round_robin', candidates: { roles: ['sales'] } })]);
    const users = [];
    for (const n of ['Ann', 'Bob', 'Cy']) users.push(await addUser(h.db, t.tenant, n, { roles: ['sales'] }));
    await addUser(h.db, t.tenant, 'Dee', { roles: ['support'] });
    const ids = users.map((u) => u.id).sort();
    expect(await ownersAfter(t, ['a', 'b', 'c', 'd'])).toEqual([ids[0], ids[1], ids[2], ids[0]]);
  });

  it('least loaded picks whoever owns the fewest live records; rules go first', async () => {
    const t = await h.tenants.add([lead], [assign({ strategy: 'least_loaded', candidates: { team: 'east' }, rules: [{ when: { '==': [{ var: 'region' }, 'VIP'] }, user: 'BOSS' }] })]);
    const ann = await addUser(h.db, t.tenant, 'Ann', { team: 'east' });
    const bob = await addUser(h.db, t.tenant, 'Bob', { team: 'east' });
    const boss = await addUser(h.db, t.tenant, 'Boss');
    await t.write((ctx) => createRecord('lead', { name: 'pre', owner_id: ann.id }, { ...ctx, hooks: undefined }));
    await t.write((ctx) => createRecord('lead', { name: 'pre2', owner_id: ann.id }, { ...ctx, hooks: undefined }));
    const meta = t.meta;
    (meta.documents.workflow.route as unknown as { steps: { rules: { user: string }[] }[] }).steps[0].rules[0].user = boss.id;
    const owners = await ownersAfter(t, ['x', 'y', ['z', 'VIP'], 'w']);
    expect(owners.slice(2)).toEqual([bob.id, bob.id, boss.id, [ann.id, bob.id].sort()[0]]);
  });
});
