import Router from '@koa/router';
import type { Knex } from 'knex';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../../webhooks/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

const intOf = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Change webhook subscriptions and their delivery log (tenant admins). `allow`: private hosts a URL may name (CRM_WEBHOOK_ALLOW). */
export const webhookRoutes = (knex: Knex, opts: { allow: string[] }): Router => {
  const r = new Router({ prefix: '/api/webhooks' });

  r.get('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => listWebhooks(rctx));
  });

  r.post('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => createWebhook(ctx.state.body, rctx, opts));
    ctx.status = 201;
  });

  r.patch('/:id', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => updateWebhook(ctx.params.id, ctx.state.body, rctx, opts));
  });

  r.delete('/:id', allowQuery(), requireAdmin, async (ctx) => {
    await inTenant(knex, ctx, (rctx) => deleteWebhook(ctx.params.id, rctx));
    ctx.status = 204;
  });

  r.get('/:id/deliveries', allowQuery('status', 'limit', 'cursor'), requireAdmin, async (ctx) => {
    const q = { status: queryString(ctx, 'status'), limit: intOf(queryString(ctx, 'limit')), cursor: queryString(ctx, 'cursor') };
    ctx.body = await inTenant(knex, ctx, (rctx) => listDeliveries(ctx.params.id, q, rctx));
  });

  r.post('/:id/deliveries/:deliveryId/redeliver', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => redeliver(ctx.params.id, ctx.params.deliveryId, rctx, authOf(ctx).tenant.id));
    ctx.status = 202;
  });

  return r;
};
