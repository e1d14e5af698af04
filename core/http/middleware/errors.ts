import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { problemIn, toProblem } from '../problem.js';
import { englishTenants, requestLocale, type TenantLocale } from '../request-locale.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The outermost middleware: a request id (echoed from X-Request-Id or made), one log line
 * per request, and the one place every error becomes application/problem+json, worded in
 * the request's language (`requestLocale`; `tenantLocale` gives a tenant's).
 */
export const errorsAndLogging = (log: Logger, tenantLocale: TenantLocale = englishTenants) => async (ctx: Context, next: Next): Promise<void> => {
  ctx.state.tenantLocale = tenantLocale;
  const given = ctx.get('X-Request-Id');
  const requestId = REQUEST_ID.test(given) ? given : randomUUID();
  ctx.state.requestId = requestId;
  // The request's logger is made when first used: most requests log nothing below the configured level.
  let child: Logger | undefined;
  Object.defineProperty(ctx.state, 'log', { get: () => (child ??= log.child({ requestId })), enumerable: true, configurable: true });
  ctx.set('X-Request-Id', requestId);
  const started = performance.now();
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.type = 'application/problem+json';
      ctx.body = problemIn({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${ctx.method} ${ctx.path}`, code: 'NOT_FOUND', requestId }, await requestLocale(ctx));
    }
  } catch (err) {
    const { problem, unexpected } = toProblem(err, requestId, await requestLocale(ctx));
    if (unexpected) ctx.state.log.error({ err }, 'unexpected error');
    ctx.status = problem.status;
    ctx.type = 'application/problem+json';
    ctx.body = problem;
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') ctx.set('Retry-After', String(problem.retryAfterSeconds));
    // How to authenticate (RFC 9110): a bearer token or API key; `invalid_token` when one was sent and refused.
    if (problem.status === 401) ctx.set('WWW-Authenticate', ctx.get('Authorization') || ctx.get('X-API-Key') ? 'Bearer realm="crm", error="invalid_token"' : 'Bearer realm="crm"');
  } finally {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = ctx.status >= 500 ? 'error' : 'info';
    const auth = ctx.state.auth as { tenant: { slug: string }; actor: { id: string } } | undefined;
    const who = auth ? { tenant: auth.tenant.slug, userId: auth.actor.id } : {};
    if (log.isLevelEnabled(level)) ctx.state.log[level]({ method: ctx.method, path: ctx.path, status: ctx.status, ms, ...who }, 'request');
  }
};
