import Router from '@koa/router';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { bulkProgress, readMailSettings, recordEmails, writeMailSettings, type MailServer } from '../../mail/index.js';
import { queueBulkMail } from '../../work/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

/**
 * E-mail: the tenant's sending identity, bulk sends queued for the worker and their progress
 * (tenant admins), and the messages a
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
    if (!opts.mail) throw problem('MAIL_NOT_CONFIGURED');
    ctx.body = await inTenant(knex, ctx, (rctx) => queueBulkMail(ctx.state.body, rctx, { baseUrl: opts.publicUrl ?? `${ctx.protocol}://${ctx.host}` }));
    ctx.status = 202;
  });

  r.get('/mail/bulk/:id', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => bulkProgress(ctx.params.id, rctx));
  });

  r.get('/records/:entity/:id/emails', allowQuery(), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => recordEmails(ctx.params.entity, ctx.params.id, rctx));
  });

  return r;
};
