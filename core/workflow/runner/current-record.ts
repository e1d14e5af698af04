import { readRecord } from '../../records/get-record.js';
import type { RecordContext, RecordData } from '../../records/index.js';
import type { RunRow } from '../types.js';

/** The run's record as stored now (deleted ones too), or undefined when the run has none. */
export const currentRecord = async (run: RunRow, ctx: RecordContext): Promise<RecordData | undefined> => {
  const doc = run.entity ? ctx.meta.entities[run.entity] : undefined;
  if (!doc || !run.record_id) return undefined;
  return readRecord(doc, run.record_id, ctx, { includeDeleted: true });
};
