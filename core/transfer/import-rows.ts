import { limits } from '../config/index.js';
import { invalidInput, problem } from '../errors.js';
import { entityOf } from '../records/entity-fields.js';
import { readsEntity } from '../records/access.js';
import { findDuplicates } from '../records/find-duplicates.js';
import type { RecordContext, RecordData } from '../records/types.js';
import { hiddenFieldsOf } from './hidden-fields.js';
import { planImport, type ImportPlan } from './import-columns.js';
import type { DuplicateRow, ImportOptions, ImportReport, RowError } from './import-report.js';
import { recordLookup, type RecordLookup } from './record-lookup.js';
import { isBlankRow, prefetchRows, rowValues } from './row-values.js';
import type { SourceRow } from './source-row.js';
import { checkRow, writeRow } from './write-row.js';

/** Rows read, looked up and written together; bounds memory whatever the file's size. */
export const BATCH_ROWS = 500;

class Rollback extends Error {}

/** The data rows in batches; past the rowsPerImport limit, 422 (the caller's transaction undoes every row). */
async function* batches(rows: AsyncIterable<SourceRow>, size: number): AsyncGenerator<SourceRow[]> {
  const max = limits().rowsPerImport;
  let batch: SourceRow[] = [];
  let count = 0;
  for await (const row of rows) {
    if (isBlankRow(row)) continue;
    if (++count > max) throw problem('LIMIT_ROWS_PER_IMPORT', { max: String(max) }, { limit: 'rowsPerImport', max });
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

interface RowRun {
  entity: string;
  plan: ImportPlan;
  lookup: RecordLookup;
  columnOf: (field: string) => string;
  duplicates?: ImportOptions['duplicates'];
}

/** A row's filled cells: merged into a record, a blank cell keeps the record's value. */
const filledValues = (values: RecordData): RecordData =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));

/** How many matches a duplicate row lists. */
const DUPLICATE_IDS = 3;

/** One row: read its cells, find its record by the key, write it. Returns its errors (none: written). */
const importRow = async (row: SourceRow, run: RowRun, ctx: RecordContext): Promise<{ action: 'created' | 'updated' | 'skipped'; duplicate?: DuplicateRow } | { errors: RowError[] }> => {
  const { values, key, errors } = await rowValues(row, run.plan, run.lookup, ctx.meta);
  const found = key !== undefined && key !== null ? await run.lookup.find(run.entity, run.plan.key!.field, key) : [];
  const w: { entity: string; line: number; values: RecordData; existingId?: string; columnOf: (field: string) => string } = { entity: run.entity, line: row.line, values, existingId: found[0], columnOf: run.columnOf };
  if (errors.length) {
    const wholeRow = errors.some((e) => e.field === '');
    return { errors: wholeRow ? errors : [...errors, ...(await checkRow(w, errors, ctx))] };
  }
  let duplicate: DuplicateRow | undefined;
  if (run.duplicates && !w.existingId) {
    const matches = await findDuplicates(run.entity, values, ctx, { limit: DUPLICATE_IDS });
    if (matches.length) duplicate = { line: row.line, ids: matches.map((m) => String(m.record.id)), skipped: run.duplicates === 'skip' };
    if (duplicate?.skipped) return { action: 'skipped', duplicate };
    if (duplicate && run.duplicates === 'merge') {
      duplicate.mergedInto = duplicate.ids[0];
      w.existingId = duplicate.ids[0];
      w.values = filledValues(values);
    }
  }
  const result = await writeRow(w, ctx);
  if ('errors' in result) return result;
  run.lookup.remember(run.entity, result.record);
  return { action: w.existingId ? 'updated' : 'created', duplicate };
};

/**
 * Imports the rows of a file (CSV or a worksheet, read by `readRows` once the entity is
 * known) into `entity`: the first row names the columns (fields, `ref.key` references,
 * system columns that are read and skipped); every other row goes through the record
 * service. All rows run in one savepoint of the caller's tenant transaction, undone for
 * a dry run and, unless `partial`, when any row fails: all or nothing.
 */
export async function importRows(entity: string, readRows: () => AsyncGenerator<SourceRow>, opts: ImportOptions, ctx: RecordContext): Promise<ImportReport> {
  const doc = entityOf(entity, ctx);
  const rows = readRows();
  try {
    const first = await rows.next();
    if (first.done) throw invalidInput('The file is empty: the first row must name the columns', [{ field: '', message: 'no header row', code: 'EMPTY_FILE' }]);
    const plan = planImport(doc, first.value.cells, ctx.meta, opts.key, hiddenFieldsOf(ctx));
    opts.onHeader?.(first.value.cells);
    const columnOf = (field: string) => plan.columns.find((c) => c.kind !== 'ignored' && c.field === field)?.name ?? field;
    const report: ImportReport = { created: 0, updated: 0, failed: 0, errors: [], committed: false, dryRun: opts.dryRun === true, ignoredColumns: plan.ignored, workflows: opts.workflows !== false, ...(opts.duplicates && { duplicates: [], skipped: 0 }), ...(opts.duplicates === 'merge' && { merged: 0 }) };
    let done = 0;
    try {
      await ctx.db.transaction(async (db) => {
        const c = { ...ctx, db };
        const run: RowRun = { entity: doc.name, plan, lookup: recordLookup(c), columnOf, duplicates: readsEntity(doc, c) ? opts.duplicates : undefined };
        for await (const batch of batches(rows, BATCH_ROWS)) {
          await prefetchRows(batch, plan, doc.name, run.lookup, c.meta);
          for (const row of batch) {
            const result = await importRow(row, run, c);
            if ('action' in result) {
              if (result.action === 'skipped') report.skipped = (report.skipped ?? 0) + 1;
              else report[result.action] += 1;
              if (result.duplicate) report.duplicates?.push(result.duplicate);
              if (result.duplicate?.mergedInto) report.merged = (report.merged ?? 0) + 1;
            }
            else {
              report.failed += 1;
              report.errors.push(...result.errors);
              opts.onFailedRow?.({ line: row.line, cells: row.cells, errors: result.errors });
            }
          }
          opts.onProgress?.((done += batch.length));
        }
        if (opts.dryRun || (report.failed && !opts.partial)) throw new Rollback();
      });
      report.committed = true;
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
    return report;
  } finally {
    await rows.return(undefined);
  }
}
