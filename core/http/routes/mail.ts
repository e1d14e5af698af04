import Router from '@koa/router';
import type { Knex } from 'knex';
import { readMailSettings, recordEmails, sendBulk, writeMailSettings, type MailServer } from '../../mail/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

/**
 * E-mail: the tenant's sending identity and bulk sends (tenant admins), and the messages a
 * record concerns (whoever may read the record).
 */
export const mailRoutes = (knex: Knex, opts: { mail?: MailServer; publicUrl?: string }): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/mail/settings', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => readMailSettings(rctx.db));
  });

  r.put('/mail/settings', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => writeMailSettings(ctx.state.body, rctx.db));
  });

  r.post('/mail/bulk', allowQuery(), requireAdmin, async (ctx) => {
    const tenant = authOf(ctx).tenant.slug;
    ctx.body = await inTenant(knex, ctx, (rctx) => sendBulk(ctx.state.body, rctx, { mail: opts.mail, tenant, baseUrl: opts.publicUrl ?? `${ctx.protocol}://${ctx.host}` }));
  });

  r.get('/records/:entity/:id/emails', allowQuery(), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => recordEmails(ctx.params.entity, ctx.params.id, rctx));
  });

  return r;
};
