import { isAppError, type AppError } from '../errors.js';
import { createRecord } from '../records/create-record.js';
import { updateRecord } from '../records/update-record.js';
import type { RecordContext, RecordData } from '../records/types.js';
import type { RowError } from './import-report.js';

export interface RowWrite {
  entity: string;
  line: number;
  values: RecordData;
  /** The record the upsert key found: update it; none: create. */
  existingId?: string;
  /** CSV column of each field, to name columns in errors. */
  columnOf: (field: string) => string;
}

const ROLLBACK = Symbol('rollback');

const problemsOf = (e: AppError, w: RowWrite): RowError[] => {
  const listed = e.details.errors ?? [];
  if (!listed.length) return [{ line: w.line, field: '', message: e.message }];
  return listed.map((p) => {
    const field = p.field.replace(/^\//, '');
    return { line: w.line, field: field ? w.columnOf(field) : '', message: p.message };
  });
};

const write = (w: RowWrite, ctx: RecordContext): Promise<RecordData> =>
  w.existingId ? updateRecord(w.entity, w.existingId, w.values, ctx) : createRecord(w.entity, w.values, ctx);

/** Creates or updates the row's record through the record service; its refusal becomes row errors. */
export const writeRow = async (w: RowWrite, ctx: RecordContext): Promise<{ record: RecordData } | { errors: RowError[] }> => {
  try {
    return { record: await write(w, ctx) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { errors: problemsOf(e, w) };
  }
};

/**
 * What the record service says about a row that already has bad cells (left out of
 * `values`): the write is tried in a savepoint that is always undone, and problems of
 * the columns already reported are dropped, so each column is named once.
 */
export const checkRow = async (w: RowWrite, known: RowError[], ctx: RecordContext): Promise<RowError[]> => {
  const reported = new Set(known.map((k) => k.field));
  try {
    await ctx.db.transaction(async (sp) => {
      await write(w, { ...ctx, db: sp });
      throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return [];
    if (!isAppError(e)) throw e;
    return problemsOf(e, w).filter((p) => !reported.has(p.field));
  }
  return [];
};
