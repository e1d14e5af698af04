import Router from '@koa/router';
import type { Knex } from 'knex';
import { readFile, storeFile } from '../../files/index.js';
import { sendFile, uploadOf } from '../file-io.js';
import { allowQuery } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

/**
 * Files for attachment fields: upload the raw body for a field the user may write
 * (?entity=&field=, checked against that field's limits), download by id where the user
 * may read the record and field the file is attached to (else 404).
 */
export const fileRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/files' });

  r.post('/', allowQuery('name', 'entity', 'field'), async (ctx) => {
    const upload = uploadOf(ctx);
    const file = await inTenant(knex, ctx, (rctx) => storeFile(upload, rctx));
    ctx.status = 201;
    ctx.body = file;
  });

  r.get('/:id', allowQuery(), async (ctx) => {
    sendFile(ctx, await inTenant(knex, ctx, (rctx) => readFile(ctx.params.id, rctx)));
  });

  return r;
};
