import { problem } from '../../../errors.js';
import { evaluateRule } from '../../../rules/index.js';
import { defineStep, type StepContext, type StepResult } from '../../types.js';
import { schema } from './schema.js';

const untilOf = (step: Record<string, unknown>, ctx: StepContext): Date => {
  if (step.until !== undefined) {
    const v = evaluateRule(step.until as never, ctx.data);
    const d = new Date(String(v));
    if (v === null || v === undefined || Number.isNaN(d.getTime())) throw problem('BAD_WAIT', { step: String(step.id), value: JSON.stringify(v) });
    return d;
  }
  const n = (k: string) => Number(step[k] ?? 0);
  return new Date(ctx.now.getTime() + ((n('days') * 24 + n('hours')) * 60 + n('minutes')) * 60_000 + n('seconds') * 1000);
};

const waitOrGo = (until: Date, now: Date): StepResult => (until.getTime() <= now.getTime() ? { output: { until: until.toISOString() } } : { wait: { until, output: { until: until.toISOString() } } });

/**
 * Waits durably: the run parks (no worker held) and a delayed job wakes it. The time is
 * fixed when the step is first reached, so a crash or retry does not restart the clock.
 */
export const waitStep = defineStep({
  type: 'wait',
  kind: 'tx',
  schema,
  run: async (step, ctx) => waitOrGo(untilOf(step, ctx), ctx.now),
  resume: async (_step, ctx) => waitOrGo(new Date(ctx.journal!.output.until), ctx.now),
});
