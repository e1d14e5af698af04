import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { invalidInput } from '../../errors.js';

/** Writes JSON lines to a gzip file, waiting whenever the stream asks (never the whole archive in memory). */
export interface LineWriter {
  write(value: unknown): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  /** Closes the file after a failure (the caller removes it). */
  abort(): Promise<void>;
}

export const openArchiveWriter = (path: string): LineWriter => {
  const gzip = createGzip();
  const file = createWriteStream(path, { mode: 0o600 });
  gzip.pipe(file);
  const closed = once(file, 'close');
  let failure: Error | undefined;
  file.on('error', (e) => (failure = e));
  gzip.on('error', (e) => (failure = e));
  return {
    async write(value) {
      if (failure) throw failure;
      if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
    },
    async close() {
      gzip.end();
      await closed;
      if (failure) throw failure;
    },
    async abort() {
      gzip.destroy();
      file.destroy();
    },
  };
};

/** The file's JSON values, one a line, read as they are needed. A file that is not gzip'd JSON lines is refused as bad input. */
export async function* readArchiveLines(path: string): AsyncGenerator<unknown> {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n += 1;
      if (!line) continue;
      try {
        yield JSON.parse(line);
      } catch {
        throw invalidInput(`${path} is not a tenant archive: line ${n} is not JSON`, [{ field: 'file', message: `line ${n}` }]);
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw invalidInput(`${path} is not a tenant archive (not gzip'd)`, [{ field: 'file', message: 'not gzip' }]);
    if (code === 'ENOENT') throw invalidInput(`${path} does not exist`, [{ field: 'file', message: 'no such file' }]);
    throw e;
  } finally {
    lines.close();
    input.destroy();
  }
}
