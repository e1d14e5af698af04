import ExcelJS, { type CellValue } from 'exceljs';
import { Readable } from 'node:stream';
import { AppError, isAppError, problem, fieldProblem } from '../errors.js';
import type { SourceRow } from './source-row.js';
import { xlsxCellText } from './xlsx-cell-text.js';

const unreadable = (e: unknown): AppError => {
  const reason = e instanceof Error ? e.message : String(e);
  return problem('INVALID_XLSX', { reason: reason.slice(0, 200) }, { errors: [fieldProblem('INVALID_XLSX', '')] });
};

/** Cell texts of a row (exceljs numbers cells from 1), without the empty cells at its end. */
const cellsOf = (values: CellValue[]): string[] => {
  const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => xlsxCellText(values[i + 1]));
  while (cells.length && cells[cells.length - 1].trim() === '') cells.pop();
  return cells;
};

/**
 * Bytes for the workbook reader, which pipes its input and so never hears of a source
 * error (a size limit, a broken upload): such an error ends these bytes early and is
 * kept in `failure`, to be thrown instead of the reader's "file ended".
 */
const guarded = (input: AsyncIterable<Buffer | string>) => {
  const state: { failure?: unknown } = {};
  async function* bytes() {
    try {
      for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    } catch (e) {
      state.failure = e;
    }
  }
  return { stream: Readable.from(bytes()), state };
};

/**
 * Reads the rest of the workbook, skipping its rows. The reader parks worksheets in
 * temporary files (when the shared strings come after them, as Excel writes them) and
 * removes each one only once it has been read past, so stopping early would leave them.
 */
const drain = async (sheets: AsyncIterator<unknown>): Promise<void> => {
  try {
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
      for await (const _row of s.value as AsyncIterable<unknown>) {
        // skipped
      }
    }
  } catch {
    // The file is being given up; its error, if any, was reported already.
  }
};

/**
 * Streams the rows of the first worksheet of an .xlsx workbook, each with its row
 * number as the line and its cells as text (see xlsxCellText). Blank rows before the
 * header are skipped; shorter rows are filled up to the header's width, since a
 * worksheet leaves out empty cells at the end of a row. A file that is not a readable
 * workbook → 400 INVALID_XLSX.
 */
export async function* readXlsx(input: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<SourceRow> {
  const { stream, state } = guarded(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]();
  let width = -1;
  try {
    const first = await sheets.next();
    if (!first.done) {
      for await (const row of first.value as unknown as AsyncIterable<ExcelJS.Row>) {
        const cells = cellsOf(row.values as CellValue[]);
        if (width < 0) {
          if (!cells.length) continue;
          width = cells.length;
        }
        while (cells.length < width) cells.push('');
        yield { line: row.number, cells };
      }
    }
  } catch (e) {
    if (state.failure !== undefined) throw state.failure;
    if (isAppError(e)) throw e;
    throw unreadable(e);
  } finally {
    await drain(sheets);
    stream.destroy();
  }
  if (state.failure !== undefined) throw state.failure;
}
