import { createReadStream, createWriteStream, openSync } from 'node:fs';
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

/** Opens `path` for reading or writing, refusing as bad input a path that cannot be (no such folder or file, no right). */
const openOrRefuse = (path: string, flags: 'r' | 'w'): number => {
  try {
    return openSync(path, flags, 0o600);
  } catch (e) {
    throw invalidInput(`Cannot ${flags === 'r' ? 'read' : 'write'} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [{ field: 'file', message: (e as Error).message }]);
  }
};

export const openArchiveWriter = (path: string): LineWriter => {
  const file = createWriteStream(path, { fd: openOrRefuse(path, 'w') });
  const gzip = createGzip();
  gzip.pipe(file);
  const closed = once(file, 'close');
  const failed = new Promise<never>((_, reject) => {
    file.on('error', reject);
    gzip.on('error', reject);
  });
  failed.catch(() => undefined); // awaited by write and close; never unhandled
  return {
    async write(value) {
      if (!gzip.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(gzip, 'drain'), failed]);
    },
    async close() {
      gzip.end();
      await Promise.race([closed, failed]);
    },
    async abort() {
      gzip.destroy();
      file.destroy();
    },
  };
};

/** The file's JSON values, one a line, read as they are needed. A file that is not gzip'd JSON lines is refused as bad input. */
export async function* readArchiveLines(path: string): AsyncGenerator<unknown> {
  const input = createReadStream(path, { fd: openOrRefuse(path, 'r') });
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
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
    throw e;
  } finally {
    lines.close();
    input.destroy();
  }
}
