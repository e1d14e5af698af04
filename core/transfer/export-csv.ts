import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';
import { entityOf } from '../records/entity-fields.js';
import { MAX_LIMIT, listRecords } from '../records/list-records.js';
import type { ListResult, RecordContext } from '../records/types.js';
import { exportColumns } from './export-columns.js';
import { hiddenFieldsOf } from './hidden-fields.js';

export interface ExportQuery {
  /** json-logic over the entity's fields (a JSON string is parsed). */
  filter?: unknown;
  fields?: string[];
  /** As for lists: "-amount,name"; default: by id, i.e. oldest first. */
  sort?: string;
  /** A UTF-8 byte order mark first, so Excel reads Chinese correctly; default true. */
  bom?: boolean;
}

/**
 * The records of `entity` as CSV text: a header row of column names, then one row per
 * record, read page by page (keyset paging) through the record service. Resolves once
 * the first page is read, so bad input (unknown entity 404, bad filter, sort or fields
 * 400) rejects before anything is sent; read the stream while ctx.db is open.
 */
export async function exportCsv(entity: string, query: ExportQuery, ctx: RecordContext): Promise<Readable> {
  const doc = entityOf(entity, ctx);
  const columns = exportColumns(doc, query.fields, ctx.meta, hiddenFieldsOf(ctx));
  const fields = [...new Set(columns.flatMap((c) => c.reads))];
  const page = (cursor?: string): Promise<ListResult> => listRecords(entity, { filter: query.filter, sort: query.sort, fields, limit: MAX_LIMIT, cursor }, ctx);
  const first = await page();
  async function* rows(): AsyncGenerator<string[]> {
    yield columns.map((c) => c.name);
    for (let p = first; ; p = await page(p.nextCursor!)) {
      for (const record of p.data) yield columns.map((c) => c.cell(record));
      if (!p.nextCursor) return;
    }
  }
  const csv = stringify({ bom: query.bom !== false });
  // Either side failing ends both: a failed query aborts the download, a dropped download stops the queries.
  pipeline(Readable.from(rows()), csv, () => undefined);
  return csv;
}
