import { updateRecord } from '../../../records/index.js';
import { defineStep } from '../../types.js';
import { needRecord, recordsOf } from '../need-record.js';
import { evaluateValues } from '../values.js';
import { schema } from './schema.js';

/** Sets fields of the run's record through the record service (validation, history, hooks). */
export const setStep = defineStep({
  type: 'set',
  kind: 'tx',
  schema,
  async run(step, ctx) {
    const { entity, id } = needRecord(ctx);
    const fields = evaluateValues(step.fields as Record<string, unknown>, ctx.data);
    const record = await updateRecord(entity, id, fields, recordsOf(ctx));
    return { output: { fields, version: record.version } };
  },
});
