import { problem } from '../../errors.js';
import type { StepContext } from '../types.js';

/** The run's entity and record id, for steps that act on the record (422 when the run has none). */
export const needRecord = (ctx: StepContext): { entity: string; id: string } => {
  const { entity, record_id: id } = ctx.run;
  if (!entity || !id) throw problem('NO_RECORD', { workflow: ctx.workflow.name, trigger: ctx.run.trigger });
  return { entity, id };
};

/** The record service context of a database step (always present for `tx` steps). */
export const recordsOf = (ctx: StepContext) => {
  if (!ctx.records) throw new Error('This step runs inside a transaction');
  return ctx.records;
};
