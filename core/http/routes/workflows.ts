import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import type { Knex } from 'knex';
import getRawBody from 'raw-body';
import { AppError } from '../../errors.js';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import { receiveWebhook, startManualRuns, webhookSecret } from '../../workflow/index.js';
import { authenticate, requireAdmin } from '../middleware/authenticate.js';
import { jsonBody } from '../middleware/json-body.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const HOOKS = '/api/workflows/hooks/';
const ours = (path: string): boolean => path === '/api/workflows' || path.startsWith('/api/workflows/') || path === '/api/notifications' || path.startsWith('/api/notifications/');

/** Inbound webhooks: public, signed; the signature covers the raw body, so it is read here. */
const hookRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/workflows/hooks' });
  r.post('/:tenant/:name', allowQuery(), async (ctx) => {
    const body = await getRawBody(ctx.req, { limit: 1024 * 1024, encoding: 'utf8' }).catch(() => {
      throw new AppError('PAYLOAD_TOO_LARGE', 413, 'The webhook body is larger than 1 MB');
    });
    const meta = (t: Parameters<typeof loadEffectiveMeta>[1]) => loadEffectiveMeta(knex, t);
    ctx.body = await receiveWebhook({ tenant: ctx.params.tenant, workflow: ctx.params.name, body, signature: ctx.get('X-Signature') || undefined, deliveryId: ctx.get('X-Delivery-Id') || undefined }, { knex, meta });
    ctx.status = 202;
  });
  return r;
};

/** Signed-in routes: manual runs, webhook secrets. */
const apiRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.post('/workflows/:name/run', allowQuery(), async (ctx) => {
    const b = obj(ctx.state.body);
    ctx.body = await inTenant(knex, ctx, (rctx) => startManualRuns({ workflow: ctx.params.name, recordIds: b.recordIds }, rctx, authOf(ctx).tenant.id));
    ctx.status = 202;
  });

  r.get('/workflows/:name/webhook', allowQuery(), requireAdmin, async (ctx) => {
    const secret = await inTenant(knex, ctx, (rctx) => webhookSecret({ workflow: ctx.params.name }, rctx));
    ctx.body = { url: `${HOOKS}${authOf(ctx).tenant.slug}/${ctx.params.name}`, secret, signature: 'X-Signature: sha256=<hex HMAC-SHA256 of the raw body>' };
  });

  r.post('/workflows/:name/webhook/rotate', allowQuery(), requireAdmin, async (ctx) => {
    const secret = await inTenant(knex, ctx, (rctx) => webhookSecret({ workflow: ctx.params.name, rotate: true }, rctx));
    ctx.body = { url: `${HOOKS}${authOf(ctx).tenant.slug}/${ctx.params.name}`, secret };
  });

  return r;
};

/**
 * /api/workflows and /api/notifications. Mounted ahead of the app's body reader and
 * authentication because inbound webhooks are public and signed over their raw bytes;
 * every other route here reads its JSON body and authenticates like the rest of /api.
 */
export const workflowRoutes = (knex: Knex): Middleware => {
  const hooks = hookRoutes(knex).routes();
  const api = apiRoutes(knex);
  const signedIn = [jsonBody(), authenticate(knex), api.routes(), api.allowedMethods()];
  const done = async () => undefined;
  return async (ctx: Context, next: Next) => {
    if (!ours(ctx.path)) return next();
    if (ctx.path.startsWith(HOOKS)) return hooks(ctx as never, done);
    const chain = (i: number): Promise<void> => (i < signedIn.length ? Promise.resolve((signedIn[i] as Middleware)(ctx, () => chain(i + 1))) : Promise.resolve());
    await chain(0);
  };
};
