import type { Context, Next } from 'koa';
import { httpRequests, httpRequestSeconds } from '../../metrics/index.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route pattern the router matched (`/api/records/:entity/:id`), never the raw path with its ids. */
const routeOf = (ctx: Context): string => {
  const matched: unknown = ctx._matchedRoute;
  if (typeof matched === 'string') return matched;
  return ctx.path.startsWith('/api/') || ctx.path === '/api' ? '(unmatched)' : '(app)';
};

/**
 * Counts every request and times it, by method, route pattern and status. The outermost
 * middleware, so it sees the status the error boundary settled on.
 */
export const requestMetrics = async (ctx: Context, next: Next): Promise<void> => {
  const stop = httpRequestSeconds.startTimer();
  try {
    await next();
  } finally {
    const labels = { method: METHODS.has(ctx.method) ? ctx.method : 'OTHER', route: routeOf(ctx), status: String(ctx.status) };
    httpRequests.inc(labels);
    stop(labels);
  }
};
