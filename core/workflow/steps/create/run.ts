import { createRecord } from '../../../records/index.js';
import { defineStep } from '../../types.js';
import { recordsOf } from '../need-record.js';
import { evaluateValues } from '../values.js';
import { schema } from './schema.js';

/** Creates a record (e.g. a follow-up task for the run's record); its id is the step's output. */
export const createStep = defineStep({
  type: 'create',
  kind: 'tx',
  schema,
  async run(step, ctx) {
    const fields = evaluateValues(step.fields as Record<string, unknown>, ctx.data);
    const record = await createRecord(step.entity as string, fields, recordsOf(ctx));
    return { output: { entity: step.entity, id: record.id } };
  },
});
