import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Context } from 'koa';
import { isAppError } from '../../errors.js';
import { checkUnsubscribe, unsubscribePage } from '../../mail/index.js';
import { unsubscribeByLink } from '../../work/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';

/**
 * /api/public/:tenant/mail/unsubscribe?token=…: the link of every bulk message. GET shows
 * a confirm page (changes nothing, so link scanners cannot unsubscribe anyone); POST — the
 * page's button, or a mail client's one-click (RFC 8058, any body) — records the opt-out.
 * Mounted before the JSON body reader, as one-click posts a form body.
 */
export const publicMailRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/public/:tenant/mail' });

  const page = async (ctx: Context, run: () => Promise<string>, state: 'confirm' | 'done') => {
    const token = queryString(ctx, 'token') ?? '';
    try {
      const address = await run();
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = unsubscribePage(state, address, token);
    } catch (e) {
      if (isAppError(e) && ctx.accepts('html', 'json') === 'html' && e.status === 400) {
        ctx.status = 400;
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = '<!doctype html><meta charset="utf-8"><title>Invalid link · 链接无效</title><p>This unsubscribe link is not valid.</p><p lang="zh-CN">此退订链接无效。</p>';
        return;
      }
      throw e;
    }
  };

  r.get('/unsubscribe', allowQuery('token'), (ctx) => page(ctx, () => checkUnsubscribe(knex, ctx.params.tenant, queryString(ctx, 'token')), 'confirm'));
  r.post('/unsubscribe', allowQuery('token'), (ctx) => page(ctx, async () => (await unsubscribeByLink(knex, ctx.params.tenant, queryString(ctx, 'token'))).address, 'done'));
  return r;
};
