import { AppError } from '../../errors.js';
import { getRecord, updateRecord, writeHistory } from '../../records/index.js';
import type { RecordContext, RecordData } from '../../records/types.js';
import { findTransition } from './find-transition.js';
import { transitionRefusal } from './transition-check.js';

/**
 * Takes a lifecycle transition on a record: 404 when the actor cannot read the record or
 * the entity has no such transition, 409 from a wrong state, 403 without a required role
 * (or the update right), 422 when its guard refuses; then the state field changes
 * through the record service (hooks, validation, history) and a `transition:<name>`
 * history entry is written, in the caller's transaction.
 */
export const runTransition = async (input: { entity: string; id: string; transition: string; ifMatch?: number }, ctx: RecordContext): Promise<RecordData> => {
  const { lifecycle, transition } = findTransition(input.entity, input.transition, ctx);
  const record = await getRecord(input.entity, input.id, ctx);
  const refusal = transitionRefusal(lifecycle, transition, record, ctx);
  if (refusal) throw new AppError(refusal.code, refusal.status, refusal.message);
  const from = record[lifecycle.field];
  const updated = await updateRecord(input.entity, input.id, { [lifecycle.field]: transition.to }, ctx, {
    ifMatch: input.ifMatch,
    stateChange: { transition: transition.name, field: lifecycle.field, to: transition.to },
  });
  await writeHistory(input.entity, input.id, `transition:${transition.name}`, { [lifecycle.field]: [from, transition.to] }, ctx);
  return updated;
};
