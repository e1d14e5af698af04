import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { csrfMatches, resolvePortalSession, type PortalAuth } from '../../security/index.js';

/** The portal's own session cookie: a staff cookie is never read on portal routes, nor this one on staff routes. */
export const PORTAL_COOKIE = 'crm_portal_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Portal routes' authentication: `Authorization: Bearer <portal token>` or the portal
 * cookie, resolved against portal sessions only (a staff token or API key is 401 here).
 * Cookie writes need the session's CSRF token and may not come from another site.
 * ctx.state.portal holds the result.
 */
export const portalAuthenticate = (knex: Knex) => async (ctx: Context, next: Next): Promise<void> => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
  const token = bearer ?? ctx.cookies.get(PORTAL_COOKIE);
  if (!token) throw problem('PORTAL_SIGN_IN_FIRST');
  const via = bearer ? 'bearer' : 'cookie';
  const auth = await resolvePortalSession(knex, token, via);
  if (!auth) {
    if (via === 'cookie') ctx.cookies.set(PORTAL_COOKIE, null, { path: '/' });
    throw problem('SESSION_ENDED');
  }
  if (via === 'cookie' && !SAFE.has(ctx.method)) {
    if (ctx.get('Sec-Fetch-Site') === 'cross-site') throw problem('CROSS_SITE');
    if (!csrfMatches(auth.csrfToken, ctx.get('X-CSRF-Token') || undefined)) throw problem('CSRF');
  }
  ctx.state.portal = auth;
  await next();
};

export const portalOf = (ctx: Context): PortalAuth => ctx.state.portal as PortalAuth;
