import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import type { Knex } from 'knex';
import getRawBody from 'raw-body';
import { problem } from '../../errors.js';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import { quotaBook, tenantQuotaFromEnv } from '../../sandbox/index.js';
import {
  dryRunService,
  getRun,
  listNotifications,
  listRuns,
  lookupFor,
  markNotificationRead,
  OUTBOUND_SECRET,
  receiveWebhook,
  retryRun,
  startManualRuns,
  webhookSecret,
} from '../../workflow/index.js';
import { databaseTenantEnv } from '../../work/index.js';
import { authenticate, requireAdmin } from '../middleware/authenticate.js';
import { idempotent } from '../idempotent.js';
import { jsonBody } from '../middleware/json-body.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';
import { addApprovalRoutes } from './approval-routes.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const HOOKS = '/api/workflows/hooks/';
const ours = (path: string): boolean => path === '/api/workflows' || path.startsWith('/api/workflows/') || path === '/api/notifications' || path.startsWith('/api/notifications/');

/** Inbound webhooks: public, signed; the signature covers the raw body, so it is read here. */
const hookRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/workflows/hooks' });
  r.post('/:tenant/:name', allowQuery(), async (ctx) => {
    const body = await getRawBody(ctx.req, { limit: 1024 * 1024, encoding: 'utf8' }).catch(() => {
      throw problem('PAYLOAD_TOO_LARGE', { limit: '1 MB' });
    });
    const meta = (t: Parameters<typeof loadEffectiveMeta>[1]) => loadEffectiveMeta(knex, t);
    ctx.body = await receiveWebhook({ tenant: ctx.params.tenant, workflow: ctx.params.name, body, signature: ctx.get('X-Signature') || undefined, deliveryId: ctx.get('X-Delivery-Id') || undefined, timestamp: ctx.get('X-Timestamp') || undefined }, { knex, meta });
    ctx.status = 202;
  });
  return r;
};

const intOf = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Signed-in routes: runs (admins), manual runs, dry runs, approvals and delegates, notifications, webhook secrets. */
const apiRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });
  /** Tenants' script use in this process's dry runs, against the same quota the workers apply. */
  const scriptQuotas = quotaBook(tenantQuotaFromEnv());

  r.get('/workflows/runs', allowQuery('workflow', 'status', 'record', 'limit', 'cursor'), requireAdmin, async (ctx) => {
    const q = { workflow: queryString(ctx, 'workflow'), status: queryString(ctx, 'status'), record: queryString(ctx, 'record'), limit: intOf(queryString(ctx, 'limit')), cursor: queryString(ctx, 'cursor') };
    ctx.body = await inTenant(knex, ctx, (rctx) => listRuns(q, rctx));
  });

  r.get('/workflows/runs/:id', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => getRun(ctx.params.id, rctx));
  });

  r.post('/workflows/runs/:id/retry', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => retryRun(ctx.params.id, rctx, authOf(ctx).tenant.id));
    ctx.status = 202;
  });

  addApprovalRoutes(r, knex);

  r.get('/workflows/signing-secret', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { secret: await lookupFor(knex, authOf(ctx).tenant).secret(OUTBOUND_SECRET), signature: 'X-Signature: sha256=<hex HMAC-SHA256 of the raw body>' };
  });

  r.post('/workflows/:name/dry-run', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = await dryRunService({ workflow: ctx.params.name, recordId: obj(ctx.state.body).recordId }, { knex, tenant: authOf(ctx).tenant, quotas: scriptQuotas, tenants: databaseTenantEnv(knex) });
  });

  r.get('/notifications', allowQuery('unread'), async (ctx) => {
    ctx.body = await inTenant(knex, ctx, (rctx) => listNotifications({ unread: queryString(ctx, 'unread') === 'true' }, rctx));
  });

  r.post('/notifications/:id/read', allowQuery(), async (ctx) => {
    await inTenant(knex, ctx, (rctx) => markNotificationRead(ctx.params.id, rctx));
    ctx.status = 204;
  });

  r.post('/workflows/:name/run', allowQuery(), idempotent(knex), async (ctx) => {
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
export const workflowRoutes = (knex: Knex): Middleware & { routers: Router[] } => {
  const hookRouter = hookRoutes(knex);
  const hooks = hookRouter.routes();
  const api = apiRoutes(knex);
  const signedIn = [jsonBody(), authenticate(knex), api.routes(), api.allowedMethods()];
  const done = async () => undefined;
  const middleware = async (ctx: Context, next: Next) => {
    if (!ours(ctx.path)) return next();
    if (ctx.path.startsWith(HOOKS)) return hooks(ctx as never, done);
    const chain = (i: number): Promise<void> => (i < signedIn.length ? Promise.resolve((signedIn[i] as Middleware)(ctx, () => chain(i + 1))) : Promise.resolve());
    await chain(0);
  };
  // The routers behind this middleware, for those who list the app's routes (the OpenAPI check).
  return Object.assign(middleware, { routers: [hookRouter, api] });
};
