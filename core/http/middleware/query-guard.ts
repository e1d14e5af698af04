import type { Context, Next } from 'koa';
import { invalidInput } from '../../errors.js';

/** Refuses query parameters a route does not know, and repeated ones, naming each. */
export const allowQuery = (...names: string[]) => {
  const allowed = new Set(names);
  return async (ctx: Context, next: Next): Promise<void> => {
    const problems = Object.entries(ctx.query).flatMap(([k, v]) =>
      !allowed.has(k)
        ? [{ field: k, message: `unknown query parameter (allowed: ${names.join(', ') || 'none'})` }]
        : Array.isArray(v)
          ? [{ field: k, message: 'given more than once' }]
          : [],
    );
    if (problems.length) throw invalidInput('The query has parameters this route does not accept', problems);
    await next();
  };
};

/** A query parameter as a single string (allowQuery already refused repeats). */
export const queryString = (ctx: Context, name: string): string | undefined => {
  const v = ctx.query[name];
  return typeof v === 'string' ? v : undefined;
};
