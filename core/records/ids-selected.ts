import { compileFilter } from './compile-filter.js';
import { entityOf } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

/**
 * The ids (no other column) of up to `limit` live records of the entity that `filter`
 * selects, without the actor's read scope: for telling a device which records it held to
 * drop once the actor may read them no more (a scope that followed another record's
 * owner). Never for showing records.
 */
export const idsSelected = async (entity: string, filter: unknown, limit: number, ctx: RecordContext): Promise<string[]> => {
  const doc = entityOf(entity, ctx);
  const state = newQueryState();
  const scope = recordScope(doc, state, ctx);
  const where = compileFilter(filter, doc, scope);
  const joins = joinsSql(state);
  const cond = ['??.deleted_at is null', ...(where ? [`(${where.sql})`] : [])].join(' and ');
  const sql = `select ??.id from ?? as ??${joins.sql} where ${cond} order by ??.id limit ?`;
  try {
    const { rows } = await ctx.db.raw(sql, [MAIN, doc.name, MAIN, ...joins.bindings, MAIN, ...(where?.bindings ?? []), MAIN, limit] as never[]);
    return (rows as { id: string }[]).map((r) => String(r.id));
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
};
