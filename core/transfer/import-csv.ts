import type { Readable } from 'node:stream';
import type { RecordContext } from '../records/types.js';
import type { ImportOptions, ImportReport } from './import-report.js';
import { importRows } from './import-rows.js';
import { readCsv } from './read-csv.js';

export { BATCH_ROWS } from './import-rows.js';

/** Imports a CSV stream into `entity` (see importRows). */
export const importCsv = (entity: string, input: Readable | AsyncIterable<Buffer | string>, opts: ImportOptions, ctx: RecordContext): Promise<ImportReport> =>
  importRows(entity, () => readCsv(input), opts, ctx);
