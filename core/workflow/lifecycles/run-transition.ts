import { problem } from '../../errors.js';
import type { Locale } from '../../errors/locale.js';
import { assertRecordRight, getRecord, updateRecord } from '../../records/index.js';
import type { RecordContext, RecordData } from '../../records/types.js';
import { startRuns } from '../runs/start-runs.js';
import type { WorkflowDocument } from '../../metadata/types.js';
import { askedFieldValues, assertAskedFieldsGiven } from './asked-fields.js';
import { findTransition } from './find-transition.js';
import { transitionRefusal } from './transition-check.js';

/**
 * Takes a lifecycle transition on a record: 404 when the actor cannot read the record or
 * the entity has no such transition, 403 without the right to change the record (checked
 * first), 409 from a wrong state, 403 without a required role, 422 when its guard refuses;
 * then the state field (with `set`) changes through the record service (hooks, validation,
 * version), recorded in the history as one `transition:<name>` entry, in the caller's
 * transaction.
 */
export const runTransition = async (
  input: {
    entity: string;
    id: string;
    transition: string;
    ifMatch?: number;
    /** Other fields written in the same update (e.g. a handler), by the engine or a plugin. */
    set?: RecordData;
    /** What the person gave for the fields the transition asks for (only those: 400 otherwise). */
    fields?: RecordData;
    /** The reader's language, for naming the transition in a refusal (its label). */
    locale?: Locale;
    /** The tenant, to start the workflow a transition names (without it, none is started). */
    tenantId?: string;
  },
  ctx: RecordContext,
): Promise<RecordData> => {
  const { lifecycle, transition } = findTransition(input.entity, input.transition, ctx);
  const given = askedFieldValues(transition, input.fields);
  const record = await getRecord(input.entity, input.id, ctx);
  // The right to change the record comes first: a guard's refusal (422) would tell someone
  // who may not change the record why it cannot move on.
  await assertRecordRight(input.entity, input.id, 'update', ctx);
  const set = { ...given, ...input.set };
  // The guard sees the record as the transition leaves it: with the fields `set` writes.
  const refusal = transitionRefusal(lifecycle, transition, { ...record, ...set, [lifecycle.field]: record[lifecycle.field] }, ctx, input.locale);
  if (refusal) throw problem(refusal.code, refusal.params);
  assertAskedFieldsGiven(transition, { ...record, ...set });
  const updated = await updateRecord(input.entity, input.id, { ...set, [lifecycle.field]: transition.to }, ctx, {
    ifMatch: input.ifMatch,
    stateChange: { transition: transition.name, field: lifecycle.field, to: transition.to },
  });
  const wf = transition.workflow ? (ctx.meta.documents.workflow?.[transition.workflow] as unknown as WorkflowDocument | undefined) : undefined;
  if (wf && input.tenantId && wf.enabled !== false && wf.trigger.on === 'manual' && wf.entity === input.entity) {
    await startRuns(ctx.db, input.tenantId, [{ workflow: wf.name, trigger: 'manual', entity: input.entity, recordId: input.id, input: { record: updated }, depth: 0, actorId: ctx.actor.id }]);
  }
  return updated;
};
