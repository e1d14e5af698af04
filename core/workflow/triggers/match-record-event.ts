import type { WorkflowDocument } from '../../metadata/types.js';
import { ruleData, type RecordContext, type RecordEvent } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';
import { workflowsOf } from '../definitions.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const fieldsChanged = (fields: string[] | undefined, event: RecordEvent): boolean =>
  !fields?.length || fields.some((f) => !same(event.data[f], event.old?.[f]));

/**
 * The workflows a record write starts: same entity, `trigger.on` the write's action, on
 * update one of `trigger.fields` changed (when given), and the condition holds for the
 * record after the write (with `$old`, `$user`, `$now`). Restores start none.
 */
export const matchRecordEvent = (event: RecordEvent, ctx: RecordContext): WorkflowDocument[] => {
  if (event.action === 'restore') return [];
  const candidates = workflowsOf(ctx.meta).filter((w) => w.entity === event.entity && w.trigger.on === event.action);
  if (!candidates.length) return [];
  const data = ruleData(event.data, event.old, ctx);
  return candidates.filter(
    (w) => (event.action !== 'update' || fieldsChanged(w.trigger.fields, event)) && (w.trigger.condition === undefined || ruleAccepts(w.trigger.condition as never, data)),
  );
};
