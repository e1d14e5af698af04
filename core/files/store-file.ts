import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { AppError, invalidInput } from '../errors.js';
import { isUuid } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What an attachment field stores for a file, and what the upload answers. */
export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

const NAME = /^[^\u0000-\u001f/\\]{1,255}$/;

/** Reads a stream into one buffer, refusing (413) past `max` bytes without reading on. */
const readAll = async (body: Readable, max: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new AppError('PAYLOAD_TOO_LARGE', 413, `The file is larger than ${Math.round(max / 1024 / 1024)} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/**
 * Stores an uploaded file in the tenant's `_files` table (inside its walls, in the
 * caller's transaction) and answers its descriptor for an attachment field.
 */
export const storeFile = async (input: { name: string; type?: string; body: Readable; declaredSize?: number }, ctx: RecordContext): Promise<StoredFile> => {
  const name = input.name.trim();
  if (!NAME.test(name)) throw invalidInput('The file needs a name (at most 255 characters, no slashes)', [{ field: 'name', message: 'is not a valid file name' }]);
  if (input.declaredSize !== undefined && input.declaredSize > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 413, `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const data = await readAll(input.body, MAX_FILE_BYTES);
  if (!data.length) throw invalidInput('The file is empty', [{ field: 'body', message: 'is empty' }]);
  const type = (input.type ?? 'application/octet-stream').split(';')[0].trim().slice(0, 100) || 'application/octet-stream';
  const file: StoredFile = { id: uuidv7(), name, type, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  await ctx.db('_files').insert({ ...file, data, created_by: isUuid(ctx.actor.id) ? ctx.actor.id : null });
  return file;
};
