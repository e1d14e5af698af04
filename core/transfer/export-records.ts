import { entityOf } from '../records/entity-fields.js';
import { MAX_LIMIT, listRecords } from '../records/list-records.js';
import type { ListResult, RecordContext, RecordData } from '../records/types.js';
import { exportColumns, type ExportColumn } from './export-columns.js';
import { hiddenFieldsOf } from './hidden-fields.js';

export interface ExportQuery {
  /** json-logic over the entity's fields (a JSON string is parsed). */
  filter?: unknown;
  fields?: string[];
  /** As for lists: "-amount,name"; default: by id, i.e. oldest first. */
  sort?: string;
  /** CSV only: a UTF-8 byte order mark first, so Excel reads Chinese correctly; default true. */
  bom?: boolean;
  /** Counts the records written so far (for the audit of the export). */
  tally?: { rows: number };
}

/** The columns of an export and its records, read page by page. */
export interface ExportRecords {
  columns: ExportColumn[];
  records: AsyncGenerator<RecordData>;
}

/**
 * The records of `entity` for an export in any format: its columns, and the records read
 * page by page (keyset paging) through the record service. Resolves once the first page
 * is read, so bad input (unknown entity 404, bad filter, sort or fields 400) rejects
 * before anything is sent; read the records while ctx.db is open.
 */
export async function exportRecords(entity: string, query: ExportQuery, ctx: RecordContext): Promise<ExportRecords> {
  const doc = entityOf(entity, ctx);
  const columns = exportColumns(doc, query.fields, ctx.meta, hiddenFieldsOf(ctx));
  const fields = [...new Set(columns.flatMap((c) => c.reads))];
  const page = (cursor?: string): Promise<ListResult> => listRecords(entity, { filter: query.filter, sort: query.sort, fields, limit: MAX_LIMIT, cursor }, ctx);
  const first = await page();
  async function* records(): AsyncGenerator<RecordData> {
    for (let p = first; ; p = await page(p.nextCursor!)) {
      if (query.tally) query.tally.rows += p.data.length;
      yield* p.data;
      if (!p.nextCursor) return;
    }
  }
  return { columns, records: records() };
}
