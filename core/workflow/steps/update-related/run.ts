import { problem } from '../../../errors.js';
import { listRecords, updateRecord, type RecordData } from '../../../records/index.js';
import { defineStep, type StepContext } from '../../types.js';
import { needRecord, recordsOf } from '../need-record.js';
import { evaluateValues } from '../values.js';
import { schema } from './schema.js';

const children = async (step: Record<string, unknown>, ctx: StepContext, id: string): Promise<{ entity: string; records: RecordData[] }> => {
  const entity = step.entity as string;
  const link = { '==': [{ var: step.field as string }, id] };
  const filter = step.filter === undefined ? link : { and: [link, step.filter] };
  const limit = (step.limit as number | undefined) ?? 500;
  const records: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(entity, { filter, limit: Math.min(500, limit - records.length), cursor }, recordsOf(ctx));
    records.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && records.length < limit);
  return { entity, records };
};

const parent = async (step: Record<string, unknown>, ctx: StepContext, entity: string): Promise<{ entity: string; records: RecordData[] }> => {
  const field = ctx.meta.entities[entity]?.fields[step.reference as string] as { type?: string; entity?: string } | undefined;
  if (field?.type !== 'reference' || !field.entity) throw problem('INVALID_STEP', { step: step.id, reason: `"${String(step.reference)}" is not a reference field of ${entity}` });
  const target = ctx.data[step.reference as string];
  if (typeof target !== 'string') return { entity: field.entity, records: [] };
  return { entity: field.entity, records: [{ id: target }] };
};

/**
 * Updates related records through the record service, each with values evaluated
 * against that record (plus `$record`, the run's record, and the run's `$steps`).
 */
export const updateRelatedStep = defineStep({
  type: 'update_related',
  kind: 'tx',
  schema,
  async run(step, ctx) {
    const { entity, id } = needRecord(ctx);
    const { entity: target, records } = step.reference ? await parent(step, ctx, entity) : await children(step, ctx, id);
    const ids: string[] = [];
    for (const r of records) {
      const values = evaluateValues(step.fields as Record<string, unknown>, { ...ctx.data, ...r, $record: ctx.data });
      await updateRecord(target, r.id as string, values, recordsOf(ctx));
      ids.push(r.id as string);
    }
    return { output: { entity: target, updated: ids.length, ids } };
  },
});
