import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';
import type { RecordContext } from '../records/types.js';
import { exportRecords, type ExportQuery } from './export-records.js';

export type { ExportQuery } from './export-records.js';

/**
 * The records of `entity` as CSV text: a header row of column names, then one row per
 * record (see exportRecords). Resolves once the first page is read, so bad input rejects
 * before anything is sent; read the stream while ctx.db is open.
 */
export async function exportCsv(entity: string, query: ExportQuery, ctx: RecordContext): Promise<Readable> {
  const { columns, records } = await exportRecords(entity, query, ctx);
  async function* rows(): AsyncGenerator<string[]> {
    yield columns.map((c) => c.name);
    for await (const record of records) yield columns.map((c) => c.cell(record));
  }
  const csv = stringify({ bom: query.bom !== false });
  // Either side failing ends both: a failed query aborts the download, a dropped download stops the queries.
  pipeline(Readable.from(rows()), csv, () => undefined);
  return csv;
}
