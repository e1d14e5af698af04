/// <reference path="./koa-cors.d.ts" />
import cors from '@koa/cors';
import type { Context, Middleware, Next } from 'koa';

/**
 * The origins allowed to call the API from a browser, from a comma-separated list
 * (CRM_CORS_ORIGINS): each a bare origin such as `https://app.example.com`. Anything
 * else (a path, `*`, a typo) is refused at start-up rather than silently ignored.
 */
export const parseCorsOrigins = (list: string | undefined): string[] => {
  const given = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return given.map((entry) => {
    const bare = entry.replace(/\/$/, '');
    let origin: string | undefined;
    try {
      origin = new URL(bare).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === 'null' || origin !== bare) {
      throw new Error(`CRM_CORS_ORIGINS: "${entry}" is not an origin (write scheme://host[:port], e.g. https://app.example.com)`);
    }
    return origin;
  });
};

/**
 * Cross-origin access to /api for the listed origins only: their preflights are answered
 * here, before authentication, and their responses (errors too) carry the CORS headers,
 * credentials allowed. Other origins get no CORS headers, as when none are listed. Meant
 * for bearer-token and API-key clients: cookie-authenticated writes stay same-origin
 * (the CSRF rule in authenticate.ts), whatever this list says.
 */
export const corsForOrigins = (origins: string[]): Middleware => {
  const allowed = new Set(origins);
  if (allowed.size === 0) return (_ctx: Context, next: Next) => next();
  const handle = cors({
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id', 'Last-Event-ID', 'Accept-Language'],
    exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Content-Disposition', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'],
    maxAge: 600,
    keepHeadersOnError: true,
  });
  return (ctx: Context, next: Next) => (ctx.path.startsWith('/api/') ? handle(ctx, next) : next());
};
