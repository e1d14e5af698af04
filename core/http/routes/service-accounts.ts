import Router from '@koa/router';
import type { Knex } from 'knex';
import {
  createServiceAccount,
  issueServiceAccountKey,
  listServiceAccountKeys,
  listServiceAccounts,
  revokeServiceAccountKey,
  updateServiceAccount,
} from '../../security/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The tenant's service accounts and their API keys (tenant admins only; a new key is shown once). */
export const serviceAccountRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/service-accounts' });
  r.get('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { data: await listServiceAccounts({ tenantId: authOf(ctx).tenant.id }, { knex }) };
  });

  r.post('/', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.status = 201;
    ctx.body = await createServiceAccount({ tenantId: tenant.id, account: obj(ctx.state.body), byId: actor.id }, { knex });
  });

  r.patch('/:id', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = await updateServiceAccount({ tenantId: tenant.id, id: ctx.params.id, changes: ctx.state.body, byId: actor.id }, { knex });
  });

  r.get('/:id/keys', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { data: await listServiceAccountKeys({ tenantId: authOf(ctx).tenant.id, accountId: ctx.params.id }, { knex }) };
  });

  r.post('/:id/keys', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.status = 201;
    ctx.body = await issueServiceAccountKey({ tenantId: tenant.id, accountId: ctx.params.id, name: obj(ctx.state.body).name, byId: actor.id }, { knex });
  });

  r.delete('/:id/keys/:keyId', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    await revokeServiceAccountKey({ tenantId: tenant.id, accountId: ctx.params.id, keyId: ctx.params.keyId, byId: actor.id }, { knex });
    ctx.status = 204;
  });

  return r;
};
