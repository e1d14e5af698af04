import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';

const lead: EntityDocument = { kind: 'entity', name: 'lead', titleField: 'name', fields: { name: { type: 'text', required: true }, score: { type: 'integer' } } };
const scripted = (code: string) => ({ name: 'scripted', entity: 'lead', trigger: { on: 'create' }, steps: [{ id: 'js', type: 'script', code, limits: { cpuMs: 2000, wallMs: 10_000 } }] });

describe('script steps: per-tenant quota in the worker', () => {
  // The worker's sandbox gets a small quota here; in production it comes from the environment.
  const h = stepHarness({}, { sandbox: { tenantQuota: { cpuMsPerMinute: 300 } } });

  it("serves a second tenant's scripts while the first is over its quota", async () => {
    const greedy = await h.tenants.add([lead], [scripted('for (;;) {}')]);
    const modest = await h.tenants.add([lead], [scripted('return { score: input.name.length }')]);

    await greedy.write((ctx) => createRecord('lead', { name: 'Spin' }, ctx));
    const [spin] = await greedy.runs();
    const spent = await settle(greedy, spin.id, 'failed', 30_000);
    expect(spent.error).toMatchObject({ step: 'js', code: 'SCRIPT_QUOTA', message: expect.stringContaining('used its script CPU time for this minute') });
    const [journaled] = await greedy.journal(spin.id);
    expect(journaled.measures!.cpuMs).toBeLessThan(2000);

    // The greedy tenant is still over its quota: its next script is refused at once …
    await greedy.write((ctx) => createRecord('lead', { name: 'Again' }, ctx));
    const again = (await greedy.runs()).find((r) => r.id !== spin.id)!;
    expect((await settle(greedy, again.id, 'failed', 30_000)).error).toMatchObject({ code: 'SCRIPT_QUOTA' });
    // … while the other tenant's script runs as usual.
    await modest.write((ctx) => createRecord('lead', { name: 'Calm' }, ctx));
    const [calm] = await modest.runs();
    await settle(modest, calm.id);
    expect((await modest.journal(calm.id))[0].output).toEqual({ score: 4 });
  });
});
