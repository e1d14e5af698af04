import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

/**
 * Runs a write in a savepoint of the caller's transaction: on any error nothing of it
 * stays, the caller's transaction stays usable, and Postgres errors become AppErrors.
 */
export const inSavepoint = async <T>(ctx: RecordContext, fn: (ctx: RecordContext) => Promise<T>): Promise<T> => {
  try {
    return await ctx.db.transaction((sp) => fn({ ...ctx, db: sp }));
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
};
