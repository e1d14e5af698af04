import { Transform } from 'node:stream';
import { problem } from '../errors.js';

/** The largest import body (CSV or .xlsx) the API takes (the CLI reads files of any size). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Passes bytes through and fails with 413 once more than `maxBytes` went by; `onBytes` sees the running total. */
export const limitBytes = (maxBytes: number, onBytes?: (total: number) => void): Transform => {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes?.(total);
      if (total > maxBytes) done(problem('IMPORT_TOO_LARGE', { size: `${maxBytes} bytes` }));
      else done(null, chunk);
    },
  });
};
