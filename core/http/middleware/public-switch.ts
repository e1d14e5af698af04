import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { findPublicTenant } from '../../tenants/tenant-store.js';
import { PUBLIC_PREFIX } from './rate-limit.js';

/**
 * Every /api/public/<tenant>/… path answers only for an active tenant whose public
 * endpoints are switched on (the tenant row's public switch); otherwise 404
 * PUBLIC_ENDPOINTS_OFF, the same for an unknown tenant, so nothing tells them apart.
 * The tenant found is ctx.state.publicTenant for the routes.
 */
export const publicSwitch = (knex: Knex) => async (ctx: Context, next: Next): Promise<void> => {
  if (ctx.path.startsWith(PUBLIC_PREFIX)) {
    const slug = ctx.path.slice(PUBLIC_PREFIX.length).split('/')[0];
    const tenant = slug ? await findPublicTenant(knex, slug) : undefined;
    if (!tenant) throw problem('PUBLIC_ENDPOINTS_OFF');
    ctx.state.publicTenant = tenant;
  }
  await next();
};
