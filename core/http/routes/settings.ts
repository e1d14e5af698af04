import Router from '@koa/router';
import type { Knex } from 'knex';
import { readTenantSettings, saveTenantSettings } from '../../tenants/tenant-settings.js';
import { ifMatchVersion } from '../if-match.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

/**
 * /api/settings: the tenant's settings (zone, currency, locale, week start, fiscal year,
 * business calendar). Every signed-in user of the tenant reads them (the app needs the
 * zone); tenant admins change them, with If-Match: <version> against concurrent edits.
 */
export const settingsRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/settings' });

  r.get('/', allowQuery(), async (ctx) => {
    const settings = await readTenantSettings(knex, authOf(ctx).tenant);
    ctx.set('ETag', `"${settings.version}"`);
    ctx.body = settings;
  });

  r.put('/', allowQuery(), requireAdmin, async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const saved = await saveTenantSettings(knex, tenant, actor, ctx.state.body, { ifMatch: ifMatchVersion(ctx, false) });
    ctx.set('ETag', `"${saved.version}"`);
    ctx.body = saved;
  });

  return r;
};
