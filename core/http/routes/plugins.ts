import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import getRawBody from 'raw-body';
import { badRequest, notFound, problem } from '../../errors.js';
import type { TenantGate } from '../../db/tenant.js';
import { findTenant } from '../../tenants/tenant-store.js';
import { brokenPlugins, installPlugin, listPlugins, PLUGIN_ARCHIVE_LIMITS, removeUploadedPlugin, uninstallPlugin, upgradePlugin, uploadPlugin } from '../../plugins/index.js';
import { handlePluginRoute, publicRouteOwner, type PluginRouteInput } from '../../work/index.js';
import { reauthenticate, requireAdmin } from '../middleware/authenticate.js';
import { rememberedSignIn } from '../remembered-sign-in.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';
import { isFileAnswer, isTextAnswer } from '../../plugins/plugin-api.js';
import { publicPortalUser } from '../middleware/portal-auth.js';
import { sendFile } from '../file-io.js';

/** A plugin route's result as the response: JSON, text of its content type (textAnswer), or a stored file (fileAnswer). */
const answer = (ctx: Context, result: unknown): void => {
  if (isFileAnswer(result)) {
    sendFile(ctx, result.file, result.cache ?? 'private, no-cache');
    return;
  }
  if (!isTextAnswer(result)) {
    ctx.body = result;
    return;
  }
  ctx.type = result.contentType;
  ctx.body = result.body;
};

const flag = (b: Record<string, unknown>, name: string): boolean => {
  if (b[name] === undefined) return false;
  if (typeof b[name] !== 'boolean') throw badRequest(`${name} must be true or false`, { errors: [{ field: name, message: 'must be a boolean' }] });
  return b[name] as boolean;
};

/** Request headers a plugin route sees: all but the caller's credentials (cookies, Authorization), which the core resolves. */
const forwarded = (ctx: Context): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(ctx.headers).filter(([name]) => name !== 'cookie' && name !== 'authorization').map(([name, v]) => [name, Array.isArray(v) ? v.join(', ') : v]));

/** The tenant's plugins (list for everyone, lifecycle for admins) and the routes plugins add under /api/x/<plugin>. */
export const pluginRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/plugins', allowQuery(), async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const broken = actor.isAdmin ? (await brokenPlugins()).map((b) => ({ folder: b.folder, problems: b.problems.length })) : [];
    ctx.body = { data: await listPlugins({ tenant }, { knex }), ...(broken.length && { broken }) };
  });

  // A plugin package (.zip) uploaded into the tenant's catalogue; `apply=true` installs it (or upgrades to it) at once.
  r.post('/plugins/upload', allowQuery('apply', 'withDemoData', 'confirmDestructive'), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    if (ctx.is('application/zip', 'application/x-zip-compressed', 'application/octet-stream') === false) {
      throw problem('UNSUPPORTED_MEDIA_TYPE', { expected: 'a plugin package (Content-Type: application/zip)' });
    }
    const limit = PLUGIN_ARCHIVE_LIMITS.compressedBytes;
    const archive = await getRawBody(ctx.req, { limit }).catch((e: { type?: string }) => {
      if (e.type === 'entity.too.large') throw problem('PLUGIN_ARCHIVE_TOO_LARGE', { limit: `${Math.round(limit / 1024 / 1024)} MB` });
      throw badRequest('The upload broke off before its end');
    });
    const on = (name: string): boolean => {
      const v = ctx.query[name];
      if (v === undefined || v === 'false') return false;
      if (v !== 'true') throw badRequest(`${name} must be true or false`, { errors: [{ field: name, message: 'true | false' }] });
      return true;
    };
    const result = await uploadPlugin({ tenant, archive, apply: on('apply'), withDemoData: on('withDemoData'), confirmDestructive: on('confirmDestructive') }, { knex, actor });
    ctx.status = 201;
    ctx.body = result;
  });

  // An uploaded package out of the tenant's catalogue (refused while installed).
  r.delete('/plugins/:name/package', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    ctx.body = await removeUploadedPlugin({ tenant, plugin: ctx.params.name }, { knex, actor });
  });

  r.post('/plugins/:name/:op', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const plugin = ctx.params.name;
    const lc = { knex, actor };
    switch (ctx.params.op) {
      case 'install':
        ctx.body = await installPlugin({ tenant, plugin, withDemoData: flag(b, 'withDemoData'), confirmDestructive: flag(b, 'confirmDestructive') }, lc);
        return;
      case 'upgrade':
        ctx.body = await upgradePlugin({ tenant, plugin, confirmDestructive: flag(b, 'confirmDestructive') }, lc);
        return;
      case 'uninstall':
        ctx.body = await uninstallPlugin({ tenant, plugin }, lc);
        return;
      default:
        ctx.status = 404;
    }
  });

  const request = (ctx: Context, prefix: string, tenant: PluginRouteInput['tenant']): PluginRouteInput => ({
    tenant,
    plugin: ctx.params.plugin,
    method: ctx.method,
    path: ctx.path.slice(prefix.length) || '/',
    query: ctx.query as PluginRouteInput['query'],
    body: ctx.state.body,
    bodyBytes: ctx.state.bodyBytes as number | undefined,
    headers: forwarded(ctx),
    rawBody: ctx.state.rawBody as string | undefined,
  });

  // A plugin's route, as the signed-in user (its work re-checks a remembered sign-in).
  r.all('/x/:plugin{/*rest}', rememberedSignIn, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const recheck = async () => {
      const fresh = await reauthenticate(ctx, knex);
      return { tenant: fresh.tenant, actor: fresh.actor };
    };
    const caller = { actor, gate: ctx.state.authGate as TenantGate | undefined, recheck };
    answer(ctx, await handlePluginRoute(knex, request(ctx, `/api/x/${ctx.params.plugin}`, tenant), caller));
  });

  // A plugin's public route: anonymous, as the plugin's named system actor with the route's declared roles.
  r.all('/public/:tenant/x/:plugin{/*rest}', async (ctx) => {
    const tenant = await findTenant(knex, ctx.params.tenant, { active: true });
    if (!tenant) throw notFound('No such page');
    ctx.state.tenant = tenant;
    const portalUser = () => publicPortalUser(ctx, knex, tenant.id);
    answer(ctx, await handlePluginRoute(knex, request(ctx, `/api/public/${ctx.params.tenant}/x/${ctx.params.plugin}`, tenant), { public: true, portalUser }));
  });

  // A payment provider's webhook (DESIGN §12): served by the installed plugin with a public route at /payments/:provider/webhook.
  r.post('/public/:tenant/payments/:provider/webhook', async (ctx) => {
    const tenant = await findTenant(knex, ctx.params.tenant, { active: true });
    if (!tenant) throw notFound('No such page');
    ctx.state.tenant = tenant;
    const path = `/payments/${encodeURIComponent(ctx.params.provider)}/webhook`;
    const plugin = await publicRouteOwner(knex, tenant, 'POST', path);
    if (!plugin) throw notFound(`No payment provider ${ctx.params.provider}`);
    ctx.params.plugin = plugin;
    ctx.body = await handlePluginRoute(knex, { ...request(ctx, '', tenant), path }, { public: true });
  });

  return r;
};
