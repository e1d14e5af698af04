import { forbidden, isAppError } from '../errors.js';
import type { EntityDocument, ReportDocument } from '../metadata/types.js';
import { assertReadsEntity, scopeWhere, userGuard } from '../records/access.js';
import { compileFilter } from '../records/compile-filter.js';
import { entityOf } from '../records/entity-fields.js';
import { MAIN, newQueryState, recordScope, type QueryState } from '../records/record-scope.js';
import type { RecordContext } from '../records/types.js';
import type { SqlFragment, SqlScope } from '../rules/index.js';

export interface ReportScope {
  entity: EntityDocument;
  state: QueryState;
  scope: SqlScope;
  /** Live rows the actor may read; the report's filter is added by `filtered`. */
  where: SqlFragment[];
}

/**
 * What every aggregate of a report starts from: the entity (403 when the actor may not
 * read it), the rule scope of its main query with the actor's hidden fields guarded, and
 * the actor's read scope — the same predicate lists use.
 */
export const reportScope = (doc: ReportDocument, ctx: RecordContext): ReportScope => {
  const entity = entityOf(doc.entity, ctx);
  try {
    assertReadsEntity(entity, ctx);
  } catch (e) {
    if (!isAppError(e) || e.code !== 'NO_READ_RIGHT') throw e;
    throw forbidden(`You may not read ${entity.name} records, which report "${doc.name}" counts`);
  }
  const state = newQueryState();
  const scope = recordScope(entity, state, ctx, userGuard(ctx));
  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }];
  const allowed = scopeWhere(entity, 'read', ctx, state);
  if (allowed) where.push(allowed);
  return { entity, state, scope, where };
};

/** The report's filter and the caller's, compiled in the report's scope. */
export const filtersOf = (s: ReportScope, filters: unknown[]): SqlFragment[] =>
  filters.map((f) => compileFilter(f, s.entity, s.scope)).filter((c): c is SqlFragment => Boolean(c));

export const joinSql = (parts: SqlFragment[], sep: string): SqlFragment => ({ sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) });
