import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { AppError, invalidInput, problem, fieldProblem } from '../errors.js';
import type { RecordContext } from '../records/types.js';
import { uploaderOf } from '../records/uploader.js';
import { noteUploadInTransaction } from '../records/uploads-in-transaction.js';
import { fileProblem, maxBytesOf, sizeText, type AttachmentLimits } from '../metadata/attachment-limits.js';
import { fieldLimits } from './field-limits.js';
import { checkUploadRight } from './upload-right.js';

export { MAX_FILE_BYTES } from '../metadata/attachment-limits.js';

/** What an attachment field stores for a file, and what the upload answers. */
export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

const NAME = /^[^\u0000-\u001f/\\]{1,255}$/;

const tooLarge = (max: number): AppError =>
  problem('FILE_TOO_LARGE_UPLOAD', { size: sizeText(max) }, { errors: [fieldProblem('BODY_TOO_LARGE', 'body')] });

/** Reads a stream into one buffer, refusing (413) past `max` bytes without reading on. */
const readAll = async (body: Readable, max: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw tooLarge(max);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Refuses a file its attachment field does not take (size 413, type 400). */
const checkLimits = (limits: AttachmentLimits, file: { name: string; type: string; size: number }): void => {
  const problem = fileProblem(limits, file);
  if (problem?.code === 'FILE_TOO_LARGE') throw tooLarge(maxBytesOf(limits));
  if (problem?.code === 'FILE_TYPE_NOT_ALLOWED') {
    throw invalidInput(`This field takes only ${problem.accept.join(', ')} files`, [{ field: 'type', message: `must be one of ${problem.accept.join(', ')}`, code: problem.code }]);
  }
};

export interface FileUpload {
  name: string;
  type?: string;
  body: Readable;
  declaredSize?: number;
  /** The attachment field the file is for: the actor may write it, and its size and type limits apply. */
  for: { entity: string; field: string };
}

/**
 * Stores an uploaded file in the tenant's `_files` table (inside its walls, in the
 * caller's transaction) and answers its descriptor for an attachment field. The actor
 * may write the field the upload is `for` (403), and the file must fit that field's
 * limits. The file stays unattached, readable only by its uploader, until a record's
 * save attaches it; an upload never attached is deleted by the sweep after
 * UNATTACHED_FILE_TTL_MS.
 */
export const storeFile = async (input: FileUpload, ctx: RecordContext): Promise<StoredFile> => {
  checkUploadRight(input.for, ctx);
  const name = input.name.trim();
  if (!NAME.test(name)) throw invalidInput('The file needs a name (at most 255 characters, no slashes)', [{ field: 'name', message: 'is not a valid file name' }]);
  const limits = fieldLimits(input.for, ctx);
  const type = (input.type ?? 'application/octet-stream').split(';')[0].trim().slice(0, 100) || 'application/octet-stream';
  const max = maxBytesOf(limits);
  if (input.declaredSize !== undefined && input.declaredSize > max) throw tooLarge(max);
  checkLimits(limits, { name, type, size: 0 });
  const data = await readAll(input.body, max);
  if (!data.length) throw invalidInput('The file is empty', [{ field: 'body', message: 'is empty' }]);
  const file: StoredFile = { id: uuidv7(), name, type, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  await ctx.db('_files').insert({ ...file, data, created_by: uploaderOf(ctx.actor), entity: input.for.entity, field: input.for.field });
  noteUploadInTransaction(ctx.db, file.id);
  return file;
};
