import { CsvError, parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { AppError, isAppError, problem } from '../errors.js';
import type { SourceRow } from './source-row.js';

/** One CSV record and the line it starts on (the header is line 1 unless blank lines precede it). */
export type CsvRow = SourceRow;

/** A record longer than this is refused instead of buffered (e.g. a quote never closed). */
export const MAX_RECORD_CHARS = 1_000_000;

const BREAKS = /\r\n|\r|\n/g;
const countBreaks = (text: string): number => text.match(BREAKS)?.length ?? 0;
const leadingBreaks = (raw: string): number => countBreaks(/^[\r\n]*/.exec(raw)?.[0] ?? '');

const unreadable = (e: CsvError, line: number): AppError =>
  problem('INVALID_CSV', { line, reason: e.message }, {
    line,
    errors: [{ field: '', message: e.message, code: e.code }],
  });

/**
 * Streams the records of a CSV (UTF-8, an optional BOM, `,` separated, `"` quoted, any
 * line ending), each with the line it starts on. Blank lines are skipped; rows may
 * have fewer or more cells than the header (the caller reports it). Unreadable CSV → 400.
 */
export async function* readCsv(input: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, raw: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS });
  const source = input instanceof Readable ? input : Readable.from(input);
  // An error of the source (a size limit, a dropped upload) reaches the loop below through the parser.
  pipeline(source, parser, () => undefined);
  let before = 0;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = 1 + before + leadingBreaks(raw);
      before += countBreaks(raw);
      yield { line, cells: record };
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    // The parser may run ahead of the rows read so far: its own line count is the better guess.
    if (e instanceof CsvError) throw unreadable(e, typeof e.lines === 'number' ? e.lines : 1 + before);
    throw e;
  } finally {
    parser.destroy();
  }
}
