import type { Context } from 'koa';
import { invalidInput } from '../errors.js';
import type { FileUpload, StoredFile } from '../files/index.js';
import { queryString } from './middleware/query-guard.js';

const INLINE = /^image\/(png|jpeg|gif|webp)$/;

/**
 * An upload request as the files service takes it: the attachment field it is for
 * (?entity=&field=, 400 naming what is missing), its name (?name= or the percent-encoded
 * X-File-Name), its type and declared size, and the raw body.
 */
export const uploadOf = (ctx: Context): FileUpload => {
  const [entity, field] = [queryString(ctx, 'entity'), queryString(ctx, 'field')];
  if (!entity || !field) {
    const missing = [...(entity ? [] : ['entity']), ...(field ? [] : ['field'])];
    throw invalidInput('Name the attachment field the file is for: ?entity=&field=', missing.map((f) => ({ field: f, message: 'is required', code: 'REQUIRED' })));
  }
  const header = ctx.get('X-File-Name');
  let name = queryString(ctx, 'name') ?? '';
  try {
    name ||= decodeURIComponent(header);
  } catch {
    throw invalidInput('X-File-Name is not valid percent-encoding', [{ field: 'X-File-Name', message: 'encode the name with encodeURIComponent' }]);
  }
  const declared = ctx.get('Content-Length') ? Number(ctx.get('Content-Length')) : undefined;
  return { name, type: ctx.get('Content-Type') || undefined, body: ctx.req, declaredSize: declared, for: { entity, field } };
};

/** A stored file as the response: images inline, anything else as a download, never sniffed. */
export const sendFile = (ctx: Context, file: StoredFile & { data: Buffer }, cache = 'private, max-age=31536000, immutable'): void => {
  const inline = INLINE.test(file.type);
  ctx.type = inline ? file.type : 'application/octet-stream';
  ctx.set('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  ctx.set('Cache-Control', cache);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('ETag', `"${file.sha256}"`);
  ctx.body = file.data;
};
