import Router from '@koa/router';
import type { Knex } from 'knex';
import { badRequest } from '../../errors.js';
import { brokenPlugins, handlePluginRoute, installPlugin, listPlugins, uninstallPlugin, upgradePlugin } from '../../plugins/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const flag = (b: Record<string, unknown>, name: string): boolean => {
  if (b[name] === undefined) return false;
  if (typeof b[name] !== 'boolean') throw badRequest(`${name} must be true or false`, { errors: [{ field: name, message: 'must be a boolean' }] });
  return b[name] as boolean;
};

/** The tenant's plugins (list for everyone, lifecycle for admins) and the routes plugins add under /api/x/<plugin>. */
export const pluginRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });

  r.get('/plugins', allowQuery(), async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const broken = actor.isAdmin ? (await brokenPlugins()).map((b) => ({ folder: b.folder, problems: b.problems.length })) : [];
    ctx.body = { data: await listPlugins({ tenant }, { knex }), ...(broken.length && { broken }) };
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

  r.all('/x/:plugin{/*rest}', async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const prefix = `/api/x/${ctx.params.plugin}`;
    ctx.body = await handlePluginRoute(
      { tenant, plugin: ctx.params.plugin, method: ctx.method, path: ctx.path.slice(prefix.length) || '/', query: ctx.query as Record<string, string>, body: ctx.state.body },
      { knex, actor },
    );
  });

  return r;
};
