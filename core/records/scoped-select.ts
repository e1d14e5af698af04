import { invalidInput } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { assertReadsEntity, scopeWhere, userGuard } from './access.js';
import { compileFilter } from './compile-filter.js';
import { entityOf } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import type { RecordContext } from './types.js';

/** One column of a scoped select: a field path of the entity (`email`, `contact.email`), or the first of several that is not null. */
export type SelectPath = string | string[];

/**
 * The SQL of `select <paths> from <entity> where <filter>` under the actor's read scope and
 * field access (paths guarded as a list's are), for a caller that wraps it in one
 * statement of its own (`insert … select`) instead of loading rows into the process. Column
 * `i` is named `_c<i>`; the row's id is `_id`. A path the actor may not read is 400 naming `field`.
 */
export const scopedSelect = (query: { entity: string; filter?: unknown; paths: SelectPath[]; field?: string }, ctx: RecordContext): SqlFragment => {
  const doc = entityOf(query.entity, ctx);
  assertReadsEntity(doc, ctx);
  const state = newQueryState();
  const scope = recordScope(doc, state, ctx, userGuard(ctx));
  const columns = query.paths.map((p, i) => {
    const parts = (Array.isArray(p) ? p : [p]).map((path) => {
      const v = typeof path === 'string' ? scope.resolveVar(path) : undefined;
      if (!v) throw invalidInput(`"${String(path)}" is not a field you may read on ${doc.name}`, [{ field: query.field ?? 'field', message: `"${String(path)}" is not a readable field of ${doc.name}` }]);
      return v;
    });
    return { sql: parts.length === 1 ? `${parts[0].sql} as _c${i}` : `coalesce(${parts.map((v) => `cast(${v.sql} as text)`).join(', ')}) as _c${i}`, bindings: parts.flatMap((v) => v.bindings) };
  });
  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }];
  const allowed = scopeWhere(doc, 'read', ctx, state);
  if (allowed) where.push(allowed);
  const filter = compileFilter(query.filter, doc, scope);
  if (filter) where.push(filter);
  const joins = joinsSql(state);
  return {
    sql: `select ??${columns.map((c) => `, ${c.sql}`).join('')} from ?? as ??${joins.sql} where ${where.map((w) => w.sql).join(' and ')}`,
    bindings: [`${MAIN}.id as _id`, ...columns.flatMap((c) => c.bindings), doc.name, MAIN, ...joins.bindings, ...where.flatMap((w) => w.bindings)],
  };
};
