import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { consumeRequest, RATE_LIMIT_DEFAULTS, type AuthContext, type RateLimitConfig, type RateLimitState } from '../../security/index.js';

/** Anonymous public endpoints of the tenants: every route under this prefix is limited per address. */
export const PUBLIC_PREFIX = '/api/public/';

/** The portal's anonymous doors (sign-in, invitation, reset and verification links, reset requests, registration) count per address too. */
const PORTAL_ANONYMOUS = /^\/api\/portal\/auth\/(login|accept|password-reset|register|verify)\/?$/;
/** Staff password resets (requests and confirmations) count per address too. */
const STAFF_RESET = /^\/api\/auth\/password-reset(\/confirm)?\/?$/;
const perAddress = (path: string): boolean => path.startsWith(PUBLIC_PREFIX) || PORTAL_ANONYMOUS.test(path) || STAFF_RESET.test(path);

const REFUSALS = { key: 'RATE_LIMITED_KEY', tenant: 'RATE_LIMITED_TENANT', address: 'RATE_LIMITED_ADDRESS' } as const;

/** The IETF draft's RateLimit-* fields (limit, remaining, seconds to reset) and the policy. */
const tell = (ctx: Context, s: RateLimitState): void => {
  ctx.set('RateLimit-Limit', String(s.limit));
  ctx.set('RateLimit-Remaining', String(s.remaining));
  ctx.set('RateLimit-Reset', String(s.resetSeconds));
  ctx.set('RateLimit-Policy', `${s.limit};w=60`);
};

/**
 * Rate limits, after authentication: requests with an API key (a user's or a service
 * account's) count per key and per tenant; anonymous requests to /api/public/… and the
 * portal's sign-in, link and reset requests count per address. Each answer says where
 * the tightest count stands; over it, 429 problem+json with Retry-After. Sessions (people in the studio and app) are not counted here.
 */
export const rateLimit = (knex: Knex, config: Partial<RateLimitConfig> = {}) => {
  const limits = { ...RATE_LIMIT_DEFAULTS, ...config };
  return async (ctx: Context, next: Next): Promise<void> => {
    const auth = ctx.state.auth as AuthContext | undefined;
    const keys = perAddress(ctx.path)
      ? { address: ctx.ip || 'unknown' }
      : auth?.via === 'api_key' && auth.keyId
        ? { key: auth.keyId, tenant: auth.tenant.id }
        : undefined;
    const state = keys && (await consumeRequest(knex, limits, keys));
    if (state) {
      tell(ctx, state);
      if (state.exceeded) throw problem(REFUSALS[state.by], { limit: state.limit, seconds: state.resetSeconds }, { retryAfterSeconds: state.resetSeconds });
    }
    await next();
  };
};
