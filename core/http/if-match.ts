import type { Context } from 'koa';
import { badRequest, problem } from '../errors.js';

/** The version in an If-Match header: `3`, `"3"` or `W/"3"`. Missing → 428 when required. */
export const ifMatchVersion = (ctx: Context, required: boolean): number | undefined => {
  const raw = ctx.get('If-Match');
  if (!raw) {
    if (required) throw problem('PRECONDITION_REQUIRED');
    return undefined;
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m) throw badRequest('If-Match must be the record version, e.g. If-Match: 3', { errors: [{ field: 'If-Match', message: 'not a version number' }] });
  return Number(m[1]);
};
