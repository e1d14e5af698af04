import Router from '@koa/router';
import type { Knex } from 'knex';
import { purgeRecord } from '../../records/index.js';
import { audit } from '../../security/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

/**
 * The recycle bin beyond listing (`GET /api/records/:entity?deleted=only`) and restoring
 * (`POST …/restore`): a tenant admin purges a record once it has been there longer than the
 * tenant's retention window. Each purge by hand is written to the audit log
 * (`recycle_bin.purge`, target `<entity>:<id>`, with who and from where).
 */
export const recycleBinRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.post('/:entity/:id/purge', allowQuery(), requireAdmin, async (ctx) => {
    const purged = await inTenant(knex, ctx, (rctx) => purgeRecord(ctx.params.entity, ctx.params.id, rctx));
    const { tenant, actor } = authOf(ctx);
    await audit(knex, {
      tenantId: tenant.id,
      actorId: actor.id,
      action: 'recycle_bin.purge',
      target: `${purged.entity}:${purged.id}`,
      details: { entity: purged.entity, recordId: purged.id, deletedAt: purged.deletedAt, files: purged.files, ip: ctx.ip },
    });
    ctx.status = 204;
  });

  return r;
};
