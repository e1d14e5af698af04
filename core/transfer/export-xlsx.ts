import ExcelJS, { type CellValue } from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { RecordContext, RecordData } from '../records/types.js';
import type { CellKind, ExportColumn } from './export-columns.js';
import { exportRecords, type ExportQuery } from './export-records.js';

const FORMATS: Partial<Record<CellKind, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };
/** Rows written between looks at the reader's pace. */
const PACE_ROWS = 200;

/** A record's value in a column as a typed cell: numbers, booleans and dates as such (times in UTC), the rest as the CSV text. */
export const xlsxCell = (column: ExportColumn, record: RecordData): CellValue => {
  const text = column.cell(record);
  if (text === '') return null;
  switch (column.kind) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true';
    case 'date':
    case 'datetime': {
      const d = new Date(column.kind === 'date' ? `${text.slice(0, 10)}T00:00:00.000Z` : text);
      return Number.isNaN(d.getTime()) ? text : d;
    }
    default:
      return text;
  }
};

/** Until the reader has taken what is buffered, or has gone. */
const paced = async (out: PassThrough): Promise<void> => {
  const done = new AbortController();
  await Promise.race([once(out, 'drain', { signal: done.signal }), once(out, 'close', { signal: done.signal })]).finally(() => done.abort());
};

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ */
const sheetName = (entity: string): string => entity.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'records';

/**
 * The records of `entity` as an .xlsx workbook (streamed): one worksheet named after the
 * entity, a bold frozen header row of column names (as in a CSV export, so the file
 * imports again), then one row per record with typed cells. Resolves once the first
 * page is read, so bad input rejects before anything is sent; read the stream while
 * ctx.db is open. A failed query ends the stream with its error.
 */
export async function exportXlsx(entity: string, query: ExportQuery, ctx: RecordContext): Promise<Readable> {
  const { columns, records } = await exportRecords(entity, query, ctx);
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName(entity), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.name, width: Math.min(50, Math.max(12, c.name.length + 4, c.kind === 'datetime' ? 20 : 0)) }));
  const header = sheet.addRow(columns.map((c) => c.name));
  header.font = { bold: true };
  header.commit();
  const write = async () => {
    let n = 0;
    for await (const record of records) {
      if (out.destroyed) return;
      const row = sheet.addRow(columns.map((c) => xlsxCell(c, record)));
      columns.forEach((c, i) => {
        const format = FORMATS[c.kind];
        if (format) row.getCell(i + 1).numFmt = format;
      });
      row.commit();
      // Wait for a slow reader rather than hold the whole file in memory.
      if (++n % PACE_ROWS === 0 && out.writableNeedDrain) await paced(out);
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  out.once('close', () => void records.return(undefined));
  return out;
}
