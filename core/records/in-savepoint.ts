import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

/**
 * Runs a write in a savepoint of the caller's transaction: on any error nothing of it
 * stays, the caller's transaction stays usable, and Postgres errors become AppErrors.
 * When the caller's whole transaction is this one write (`ctx.singleWrite`, set by the
 * HTTP layer for a request's own transaction) an error rolls everything back anyway, so
 * the savepoint and its two round trips are left out.
 */
export const inSavepoint = async <T>(ctx: RecordContext, fn: (ctx: RecordContext) => Promise<T>): Promise<T> => {
  try {
    if (ctx.singleWrite) return await fn({ ...ctx, singleWrite: false });
    return await ctx.db.transaction((sp) => fn({ ...ctx, db: sp }));
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
};
