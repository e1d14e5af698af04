import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { audit } from '../../security/index.js';
import { publicEndpointsEnabled, setPublicEndpoints } from '../../tenants/tenant-store.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

/** GET|PUT /api/public-endpoints {enabled}: the tenant's switch for everything under /api/public/<tenant>/ (tenant admins). */
export const publicAccessRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/public-endpoints' });
  r.get('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { enabled: await publicEndpointsEnabled(knex, authOf(ctx).tenant) };
  });
  r.put('/', allowQuery(), requireAdmin, async (ctx) => {
    const enabled = (ctx.state.body as { enabled?: unknown } | undefined)?.enabled;
    if (typeof enabled !== 'boolean') throw invalidInput('Say whether the public endpoints are on', [{ field: 'enabled', message: 'must be true or false' }]);
    const { tenant, actor } = authOf(ctx);
    await setPublicEndpoints(knex, tenant, enabled);
    await audit(knex, { tenantId: tenant.id, actorId: actor.id, action: 'tenant.public_endpoints', details: { enabled } });
    ctx.body = { enabled };
  });
  return r;
};
