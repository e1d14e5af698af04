import type { Readable } from 'node:stream';
import { entityOf } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';
import type { ImportOptions, ImportReport } from './import-report.js';
import { importRows } from './import-rows.js';
import { peekBytes } from './peek-bytes.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { SIGNATURE_BYTES, tableFormat, type TableFormat } from './table-format.js';

/**
 * Imports a CSV file or an .xlsx workbook (its first worksheet) into `entity`, telling
 * them apart by the file's first bytes; both feed the same rows to importRows, so
 * previews, errors per line and upserts are the same. `declared` is what the sender
 * said the file is (a workbook that is not one is refused).
 */
export const importTable = async (entity: string, input: Readable | AsyncIterable<Buffer | string>, opts: ImportOptions & { declared?: TableFormat }, ctx: RecordContext): Promise<ImportReport> => {
  entityOf(entity, ctx);
  const { head, stream } = await peekBytes(input, SIGNATURE_BYTES);
  const format = tableFormat(head, opts.declared);
  return importRows(entity, () => (format === 'xlsx' ? readXlsx(stream) : readCsv(stream)), opts, ctx);
};
