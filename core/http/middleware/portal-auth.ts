import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { csrfMatches, PORTAL_SESSION_PREFIX, resolvePortalSession, type PortalAuth, type PortalUser } from '../../security/index.js';

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

/**
 * The portal user behind a public plugin route's request (one that declares
 * `portalSession`): a portal bearer token or the portal cookie, of this tenant. No session,
 * an ended one or another tenant's is anonymous (undefined); a write by cookie still needs
 * the session's CSRF token and may not come from another site (403).
 */
export const publicPortalUser = async (ctx: Context, knex: Knex, tenantId: string): Promise<PortalUser | undefined> => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
  const token = bearer?.startsWith(PORTAL_SESSION_PREFIX) ? bearer : bearer ? undefined : ctx.cookies.get(PORTAL_COOKIE);
  if (!token) return undefined;
  const via = bearer ? 'bearer' : 'cookie';
  const auth = await resolvePortalSession(knex, token, via);
  if (!auth || auth.tenant.id !== tenantId) return undefined;
  if (via === 'cookie' && !SAFE.has(ctx.method)) {
    if (ctx.get('Sec-Fetch-Site') === 'cross-site') throw problem('CROSS_SITE');
    if (!csrfMatches(auth.csrfToken, ctx.get('X-CSRF-Token') || undefined)) throw problem('CSRF');
  }
  return auth.user;
};
