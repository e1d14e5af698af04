import { stringify, type Stringifier } from 'csv-stringify';
import { errorText, type FailedRow } from './import-report.js';

export interface ErrorCsv {
  /** CSV text (UTF-8 with a BOM): the header plus `error`, then each bad row with its problems. Pipe or read it. */
  stream: Stringifier;
  header(cells: string[]): void;
  row(failed: FailedRow): void;
  /** Ends the stream (a file with no bad row has the header only). */
  end(): void;
}

/**
 * The error file of an import: the original columns plus `error`, each bad row as it
 * was sent. An `error` column of the input (a corrected error file sent again) is replaced.
 */
export const errorCsv = (): ErrorCsv => {
  const stream = stringify({ bom: true });
  let width = 0;
  let oldError = -1;
  const keep = (cells: string[]) => cells.filter((_, i) => i !== oldError);
  return {
    stream,
    header(cells) {
      width = cells.length;
      oldError = cells.findIndex((c) => c.trim() === 'error');
      stream.write([...keep(cells), 'error']);
    },
    row({ cells, errors }) {
      const fitted = Array.from({ length: width }, (_, i) => cells[i] ?? '');
      stream.write([...keep(fitted), errorText(errors)]);
    },
    end() {
      stream.end();
    },
  };
};
