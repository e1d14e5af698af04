import Router from '@koa/router';
import type { Knex } from 'knex';
import { deleteSecret, listSecrets, putSecret } from '../../security/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

/**
 * /api/secrets: the tenant's script secrets vault (tenant admins). Write-only: the list shows
 * names and when they were set; no answer ever carries a value. Scripts read them with
 * `crm.secret('NAME')`, webhook steps with `{{secret.NAME}}`.
 */
export const secretRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/secrets' });

  r.get('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { data: await listSecrets(knex, authOf(ctx).tenant.id) };
  });

  r.put('/:name', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = await putSecret(knex, { tenantId: tenant.id, name: ctx.params.name, value: (ctx.state.body as { value?: unknown } | undefined)?.value, byId: actor.id });
  });

  r.delete('/:name', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    await deleteSecret(knex, { tenantId: tenant.id, name: ctx.params.name, byId: actor.id });
    ctx.status = 204;
  });

  return r;
};
