import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { readAuditLog } from '../../security/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

/** GET /api/audit: the tenant's audit log for tenant admins, newest first, filtered and paged. */
export const auditRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/audit', allowQuery('actor', 'action', 'from', 'to', 'cursor', 'limit'), requireAdmin, async (ctx) => {
    const raw = queryString(ctx, 'limit');
    const limit = raw === undefined ? undefined : Number(raw);
    if (raw !== undefined && !Number.isInteger(limit)) throw invalidInput('limit is out of range', [{ field: 'limit', message: 'must be a whole number from 1 to 200' }]);
    const query = { actor: queryString(ctx, 'actor'), action: queryString(ctx, 'action'), from: queryString(ctx, 'from'), to: queryString(ctx, 'to'), cursor: queryString(ctx, 'cursor'), limit };
    ctx.body = await readAuditLog({ tenantId: authOf(ctx).tenant.id, query }, { knex });
  });

  return r;
};
