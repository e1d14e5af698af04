import { ruleAccepts } from '../../../rules/index.js';
import { defineStep, type StepResult } from '../../types.js';
import { schema } from './schema.js';

type Target = string | null | undefined;

const go = (taken: string, next: Target): StepResult => (next === undefined ? { output: { taken } } : { output: { taken, next }, next });

/** Chooses the next step by json-logic over the step's data (the record, `$old`, `$steps`…). */
export const branchStep = defineStep({
  type: 'branch',
  kind: 'tx',
  schema,
  async run(step, ctx) {
    if (step.if !== undefined) return ruleAccepts(step.if as never, ctx.data) ? go('then', step.then as Target) : go('else', step.else as Target);
    const cases = step.cases as { when: unknown; next: Target }[];
    const i = cases.findIndex((c) => ruleAccepts(c.when as never, ctx.data));
    return i === -1 ? go('default', step.default as Target) : go(`case ${i + 1}`, cases[i].next);
  },
});
