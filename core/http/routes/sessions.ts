import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { assertUserOfTenant, listSessions, revokeSession, revokeUserSessions } from '../../security/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

/**
 * Sessions: one's own active sessions (device, address, last use) with sign-out of each
 * (`/api/auth/sessions`), and a tenant admin's view and forced sign-out of a user's
 * (`/api/users/:id/sessions`).
 */
export const sessionRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  const person = (ctx: Context) => {
    const auth = authOf(ctx);
    if (auth.serviceAccount) throw problem('FORBIDDEN');
    return auth;
  };

  r.get('/auth/sessions', allowQuery(), async (ctx) => {
    const { tenant, actor, sessionId } = person(ctx);
    ctx.body = { data: await listSessions({ tenantId: tenant.id, userId: actor.id, currentId: sessionId }, { knex }) };
  });

  r.delete('/auth/sessions/:id', allowQuery(), async (ctx) => {
    const { tenant, actor } = person(ctx);
    await revokeSession({ tenantId: tenant.id, userId: actor.id, id: ctx.params.id, byId: actor.id }, { knex });
    ctx.status = 204;
  });

  r.get('/users/:id/sessions', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, sessionId } = authOf(ctx);
    await assertUserOfTenant({ tenantId: tenant.id, userId: ctx.params.id }, { knex });
    ctx.body = { data: await listSessions({ tenantId: tenant.id, userId: ctx.params.id, currentId: sessionId }, { knex }) };
  });

  r.delete('/users/:id/sessions', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = { ended: await revokeUserSessions({ tenantId: tenant.id, userId: ctx.params.id, byId: actor.id }, { knex }) };
  });

  return r;
};
