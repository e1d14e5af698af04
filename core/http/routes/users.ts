import Router from '@koa/router';
import type { Knex } from 'knex';
import { createApiKey, createUser, listApiKeys, listUsers, revokeApiKey, updateUser } from '../../security/index.js';
import { problem } from '../../errors.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Users of the tenant (admins) and the signed-in user's API keys. */
export const userRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/users', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { data: await listUsers({ tenantId: authOf(ctx).tenant.id }, { knex }) };
  });

  /** Everyone signed in: the active colleagues' names, so user fields and "Change owner" show and pick people, not ids. */
  r.get('/users/directory', allowQuery(), async (ctx) => {
    const users = await listUsers({ tenantId: authOf(ctx).tenant.id }, { knex });
    ctx.body = { data: users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, team: u.team })).sort((a, b) => a.name.localeCompare(b.name)) };
  });

  r.post('/users', allowQuery(), requireAdmin, async (ctx) => {
    const b = obj(ctx.state.body);
    const user = await createUser(
      {
        tenantId: authOf(ctx).tenant.id,
        email: b.email,
        password: b.password,
        name: b.name,
        roles: b.roles,
        team: b.team,
        manager: b.manager,
        isAdmin: b.isAdmin === true,
        locale: b.locale,
        byId: authOf(ctx).actor.id,
      },
      { knex },
    );
    ctx.status = 201;
    ctx.body = user;
  });

  r.patch('/users/:id', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = await updateUser({ tenantId: tenant.id, id: ctx.params.id, changes: obj(ctx.state.body), byId: actor.id }, { knex });
  });

  r.get('/api-keys', allowQuery(), async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = { data: await listApiKeys({ tenantId: tenant.id, userId: actor.id }, { knex }) };
  });

  r.post('/api-keys', allowQuery(), async (ctx) => {
    const { tenant, actor, serviceAccount } = authOf(ctx);
    // A service account's keys are issued by tenant admins (/api/service-accounts/:id/keys).
    if (serviceAccount) throw problem('ADMINS_ONLY');
    const b = obj(ctx.state.body);
    ctx.status = 201;
    ctx.body = await createApiKey({ tenantId: tenant.id, userId: actor.id, name: b.name, scopes: b.scopes }, { knex });
  });

  r.delete('/api-keys/:id', allowQuery(), async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    await revokeApiKey({ tenantId: tenant.id, id: ctx.params.id, userId: actor.id, isAdmin: actor.isAdmin }, { knex });
    ctx.status = 204;
  });

  return r;
};
