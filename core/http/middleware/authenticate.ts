import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { API_KEY_PREFIX, csrfMatches, reachableWhileEnrolling, recallToken, resolveToken, type AuthContext } from '../../security/index.js';

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

interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** `Authorization: Bearer <token or key>`, else `X-API-Key: <key>` (machine clients), else the session cookie. */
const credentialsOf = (ctx: Context): Credentials => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1] ?? (ctx.get('X-API-Key').trim() || undefined);
  const token = bearer ?? ctx.cookies.get(SESSION_COOKIE);
  if (!token) throw problem('SIGN_IN_FIRST');
  return { token, via: bearer ? 'bearer' : 'cookie' };
};

/**
 * CSRF for cookie writes, read-only API keys, and sessions held back for two-factor
 * enrolment (they reach only it): what an authenticated request must also meet.
 */
const admit = (ctx: Context, auth: AuthContext, via: Credentials['via']): void => {
  if (auth.enrolmentOnly && !reachableWhileEnrolling(ctx.path)) throw problem('TWO_FACTOR_ENROLMENT_REQUIRED');
  if (via === 'cookie' && !SAFE.has(ctx.method)) {
    if (ctx.get('Sec-Fetch-Site') === 'cross-site' || !sameOrigin(ctx)) throw problem('CROSS_SITE');
    if (!csrfMatches(auth.csrfToken, ctx.get('X-CSRF-Token') || undefined)) {
      throw problem('CSRF');
    }
  }
  if (auth.via === 'api_key' && auth.scopes?.includes('read') && !SAFE.has(ctx.method)) throw problem('READ_ONLY_KEY');
};

/** Resolves the request's token with its one query (401 when it no longer holds) and admits the request. */
export const reauthenticate = async (ctx: Context, knex: Knex): Promise<AuthContext> => {
  const { token, via } = credentialsOf(ctx);
  const auth = await resolveToken(token, { knex }, via);
  ctx.state.authGate = undefined;
  if (!auth) {
    if (via === 'cookie') ctx.cookies.set(SESSION_COOKIE, null);
    // A key that is unknown, revoked or expired says so; a session says it ended.
    throw problem(token.startsWith(API_KEY_PREFIX) && via === 'bearer' ? 'API_KEY_INVALID' : 'SESSION_ENDED');
  }
  admit(ctx, auth, via);
  ctx.state.auth = auth;
  return auth;
};

/**
 * Resolves who is asking: `Authorization: Bearer <token or API key>`, else `X-API-Key`,
 * else the session cookie. Cookie-authenticated writes must carry the session's CSRF token in
 * X-CSRF-Token and may not come from another site (Sec-Fetch-Site, Origin). ctx.state.auth
 * holds the result; on a route that declares `rememberedSignIn` (`accepts`) it may be a
 * remembered one with its gate in ctx.state.authGate.
 */
export const authenticate = (knex: Knex, accepts: (ctx: Context) => boolean = () => false) => async (ctx: Context, next: Next): Promise<void> => {
  const { token, via } = credentialsOf(ctx);
  const recalled = accepts(ctx) ? recallToken(token, via) : undefined;
  if (recalled) {
    admit(ctx, recalled.auth, via);
    ctx.state.auth = recalled.auth;
    ctx.state.authGate = recalled.gate;
  } else await reauthenticate(ctx, knex);
  await next();
};

/** Tenant admins only (studio, users, plugins). */
export const requireAdmin = async (ctx: Context, next: Next): Promise<void> => {
  if (!ctx.state.auth?.actor.isAdmin) throw problem('ADMINS_ONLY');
  await next();
};
