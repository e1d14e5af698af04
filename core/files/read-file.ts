import { notFound } from '../errors.js';
import { isUuid } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';
import type { StoredFile } from './store-file.js';

/** A stored file with its bytes, or 404. */
export const readFile = async (id: string, ctx: RecordContext): Promise<StoredFile & { data: Buffer }> => {
  const row = isUuid(id) ? await ctx.db('_files').where({ id }).first('id', 'name', 'type', 'size', 'sha256', 'data') : undefined;
  if (!row) throw notFound('No such file');
  // PGlite answers bytea as a Uint8Array, pg as a Buffer; Koa sends only a Buffer as bytes.
  return { ...row, size: Number(row.size), data: Buffer.from(row.data) };
};
