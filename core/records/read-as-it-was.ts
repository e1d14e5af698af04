import { scopeWhere } from './access.js';
import { compileFilter } from './compile-filter.js';
import { entityOf } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

/**
 * Whether the actor could read one record, and `filter` selected it, with some of its
 * columns as they were (`was`: column → old value, `deleted_at` included): the stored row
 * with those columns put back, under the same read scope and filter SQL as a list. For
 * asking "did this user have this record before these changes" without keeping copies.
 */
export const readAsItWas = async (entity: string, id: string, was: Record<string, unknown>, filter: unknown, ctx: RecordContext): Promise<boolean> => {
  const doc = entityOf(entity, ctx);
  const state = newQueryState();
  const scope = recordScope(doc, state, ctx);
  const where = [scopeWhere(doc, 'read', ctx, state), compileFilter(filter, doc, scope)].filter((w) => w !== undefined);
  const joins = joinsSql(state);
  const cond = [`??.deleted_at is null`, ...where.map((w) => `(${w.sql})`)].join(' and ');
  const sql = `select exists(select 1 from (select (jsonb_populate_record(null::??, to_jsonb(o) || ?::jsonb)).* from ?? as o where o.id = ?) as ??${joins.sql} where ${cond}) as ok`;
  try {
    const { rows } = await ctx.db.raw(sql, [doc.name, JSON.stringify(was), doc.name, id, MAIN, ...joins.bindings, MAIN, ...where.flatMap((w) => w.bindings)] as never[]);
    return Boolean(rows[0]?.ok);
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
};
