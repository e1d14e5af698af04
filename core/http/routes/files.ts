import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { readFile, storeFile } from '../../files/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

const INLINE = /^image\/(png|jpeg|gif|webp)$/;

/**
 * Files for attachment fields: upload the raw body for a field the user may write
 * (?entity=&field=, checked against that field's limits), download by id where the user
 * may read the record and field the file is attached to (else 404).
 */
export const fileRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/files' });

  r.post('/', allowQuery('name', 'entity', 'field'), async (ctx) => {
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
    const file = await inTenant(knex, ctx, (rctx) => storeFile({ name, type: ctx.get('Content-Type') || undefined, body: ctx.req, declaredSize: declared, for: { entity, field } }, rctx));
    ctx.status = 201;
    ctx.body = file;
  });

  r.get('/:id', allowQuery(), async (ctx) => {
    const file = await inTenant(knex, ctx, (rctx) => readFile(ctx.params.id, rctx));
    const inline = INLINE.test(file.type);
    ctx.type = inline ? file.type : 'application/octet-stream';
    ctx.set('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    ctx.set('Cache-Control', 'private, max-age=31536000, immutable');
    ctx.set('ETag', `"${file.sha256}"`);
    ctx.body = file.data;
  });

  return r;
};
