import type { Knex } from 'knex';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline as streamPipeline } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badRequest, problem } from '../errors.js';
import { openSystemWork } from '../work/index.js';
import { errorCsv } from './error-csv.js';
import { importTable } from './import-table.js';
import type { ImportOptions, ImportReport } from './import-report.js';
import { limitBytes } from './limit-bytes.js';

export interface ImportFileInput {
  entity: string;
  file: string;
  tenant: string;
  key?: string;
  dryRun?: boolean;
  partial?: boolean;
  /** Where to write the bad rows with an `error` column. */
  errorsOut?: string;
  /** false (`--no-workflows`): the imported rows start no workflows. */
  workflows?: boolean;
  /** `--duplicates`: rows matching records by the entity's duplicate rules are reported, skipped or merged into the match. */
  duplicates?: ImportOptions['duplicates'];
}

/** Progress of a long import: bytes of the file read so far, of `total`, and rows done. */
export interface ImportProgress {
  start(total: number): void;
  update(bytes: number, rows: number): void;
  stop(): void;
}

const summary = (r: ImportReport): string => {
  const dup = r.duplicates ? `, possible duplicates ${r.duplicates.length}${r.skipped ? ` (skipped ${r.skipped})` : ''}${r.merged ? ` (merged ${r.merged})` : ''}` : '';
  const counts = `created ${r.created}, updated ${r.updated}, failed ${r.failed}${dup}`;
  if (r.dryRun) return `${counts} (dry run: nothing was written)`;
  if (!r.committed) return `${counts}: nothing was written (the import is all or nothing; fix the rows or use --partial)`;
  return r.workflows ? counts : `${counts} (no workflows were started: --no-workflows)`;
};

/** At most this many problems are printed; the error file has them all. */
const SHOWN = 50;

/**
 * `crm import`: streams a CSV file or an .xlsx workbook (told apart by its first bytes) into the tenant as its system actor, with progress,
 * an optional error file, a summary on `out` and the problems on `err`. A bad row makes
 * it fail (exit 1) after the report, also for a dry run.
 */
export const importFile = async (input: ImportFileInput, io: { knex: Knex; out: (s: string) => void; err: (s: string) => void; progress?: ImportProgress }): Promise<ImportReport> => {
  const size = await stat(input.file).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size === undefined) throw badRequest(`Cannot read the file ${input.file}`);
  const file = input.errorsOut ? errorCsv() : undefined;
  const written = file && input.errorsOut ? pipeline(file.stream, createWriteStream(input.errorsOut)) : undefined;
  let bytes = 0;
  io.progress?.start(size);
  const source = limitBytes(Number.POSITIVE_INFINITY, (n) => (bytes = n));
  // A read error of the file ends the import through `source`.
  streamPipeline(createReadStream(input.file), source, () => undefined);
  let report: ImportReport;
  try {
    report = await openSystemWork(io.knex, input.tenant, (ctx) =>
      importTable(input.entity, source, {
        key: input.key,
        workflows: input.workflows,
        dryRun: input.dryRun,
        partial: input.partial,
        duplicates: input.duplicates,
        onHeader: file?.header,
        onFailedRow: file?.row,
        onProgress: (rows) => io.progress?.update(bytes, rows),
      }, ctx),
      { door: 'import', workflows: input.workflows },
    );
  } finally {
    source.destroy();
    io.progress?.stop();
    file?.end();
    await written;
  }
  io.out(summary(report));
  for (const d of (report.duplicates ?? []).slice(0, SHOWN)) {
    const what = d.skipped ? 'skipped' : d.mergedInto ? `merged into ${d.mergedInto}` : 'written';
    io.out(`line ${d.line}: may duplicate ${d.ids.join(', ')} (${what})`);
  }
  if ((report.duplicates?.length ?? 0) > SHOWN) io.out(`… and ${report.duplicates!.length - SHOWN} more possible duplicates`);
  for (const e of report.errors.slice(0, SHOWN)) io.err(`line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  if (report.errors.length > SHOWN) io.err(`… and ${report.errors.length - SHOWN} more${input.errorsOut ? '' : ' (write them all with --errors <file.csv>)'}`);
  if (file) io.err(`bad rows written to ${input.errorsOut}`);
  if (report.failed) throw problem('IMPORT_FAILED', { count: report.failed, file: input.file });
  return report;
};
