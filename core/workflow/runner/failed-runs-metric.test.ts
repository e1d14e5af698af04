import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../metadata/types.js';
import { workflowRunsFailed } from '../../metrics/index.js';
import { createRecord } from '../../records/index.js';
import { settle, stepHarness } from '../test-support/step-harness.js';
import { until } from '../test-support/until.js';

const deal: EntityDocument = { kind: 'entity', name: 'deal', titleField: 'title', fields: { title: { type: 'text', required: true }, stage: { type: 'text', maxLength: 5 } } };

const failedByStep = async (): Promise<number> => (await workflowRunsFailed.get()).values.find((v) => v.labels.reason === 'step')?.value ?? 0;

describe('crm_workflow_runs_failed_total', () => {
  const h = stepHarness();

  it('counts a run that fails for good, once', async () => {
    const before = await failedByStep();
    const t = await h.tenants.add([deal], [{ name: 'flow', entity: 'deal', trigger: { on: 'create' }, steps: [{ id: 'bad', type: 'set', fields: { stage: 'far too long' } }] }]);
    await t.write((ctx) => createRecord('deal', { title: 'X' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id, 'failed');
    // The counter moves just after the run's row says failed: wait for it, then make sure it moved once.
    await until(async () => ((await failedByStep()) > before ? true : undefined));
    expect(await failedByStep()).toBe(before + 1);
  });
});
