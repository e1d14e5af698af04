import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { forbidden, unauthorized } from '../../errors.js';
import { csrfMatches, resolveToken } from '../../security/index.js';

export const SESSION_COOKIE = 'crm_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An Origin header, when the browser sends one, must name this server. */
const sameOrigin = (ctx: Context): boolean => {
  const origin = ctx.get('Origin');
  if (!origin || origin === 'null') return !origin;
  try {
    return new URL(origin).host === ctx.host;
  } catch {
    return false;
  }
};

/**
 * Resolves who is asking: `Authorization: Bearer <token or API key>`, else the session
 * cookie. Cookie-authenticated writes must carry the session's CSRF token in
 * X-CSRF-Token and may not come from another site (Sec-Fetch-Site, Origin). ctx.state.auth holds the result.
 */
export const authenticate = (knex: Knex) => async (ctx: Context, next: Next): Promise<void> => {
  const header = ctx.get('Authorization');
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const cookie = bearer ? undefined : ctx.cookies.get(SESSION_COOKIE);
  const token = bearer ?? cookie;
  if (!token) throw unauthorized('Sign in first');
  const auth = await resolveToken(token, { knex }, bearer ? 'bearer' : 'cookie');
  if (!auth) {
    if (cookie) ctx.cookies.set(SESSION_COOKIE, null);
    throw unauthorized('The session has ended; sign in again');
  }
  if (cookie && !SAFE.has(ctx.method)) {
    if (ctx.get('Sec-Fetch-Site') === 'cross-site' || !sameOrigin(ctx)) throw forbidden('Cross-site requests are not accepted', { code: 'CROSS_SITE' });
    if (!csrfMatches(auth.csrfToken, ctx.get('X-CSRF-Token') || undefined)) {
      throw forbidden('Missing or wrong CSRF token (send the X-CSRF-Token header you received at sign-in)', { code: 'CSRF' });
    }
  }
  if (auth.via === 'api_key' && auth.scopes?.includes('read') && !SAFE.has(ctx.method)) throw forbidden('This API key may only read');
  ctx.state.auth = auth;
  await next();
};

/** Tenant admins only (studio, users, plugins). */
export const requireAdmin = async (ctx: Context, next: Next): Promise<void> => {
  if (!ctx.state.auth?.actor.isAdmin) throw forbidden('Only tenant admins may do this');
  await next();
};
