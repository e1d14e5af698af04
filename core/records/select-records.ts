import { userGuard } from './access.js';
import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { projection, rowToRecord } from './projection.js';
import { MAIN, joinsSql, newQueryState, recordScope, type QueryState } from './record-scope.js';
import type { RecordContext, RecordData } from './types.js';

export interface SelectInput {
  entity: EntityDocument;
  fields?: string[];
  /** Built with the same state, so their reference paths share its joins. */
  state?: QueryState;
  where?: SqlFragment[];
  /** More select items (named by the caller), e.g. the cursor's sort keys. */
  extra?: SqlFragment;
  orderBy?: SqlFragment;
  limit?: number;
  forUpdate?: boolean;
  /** A user-facing read: typed paths cannot reach hidden fields, and hidden fields are left out. */
  guarded?: boolean;
}

const join = (parts: SqlFragment[], sep: string): SqlFragment => ({ sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) });

/** One SELECT over an entity: projection (formulas, roll-ups, links, reference paths), joins, filters, order, limit. */
export const selectRecords = async (input: SelectInput, ctx: RecordContext): Promise<{ records: RecordData[]; rows: Record<string, unknown>[] }> => {
  const state = input.state ?? newQueryState();
  const guard = input.guarded ? userGuard(ctx) : undefined;
  const proj = projection(input.entity, input.fields, recordScope(input.entity, state, ctx, guard), guard?.hidden(input.entity));
  const where = input.where?.length ? join(input.where, ' and ') : { sql: 'true', bindings: [] };
  const joins = joinsSql(state);
  const parts: SqlFragment[] = [
    { sql: `select ${proj.select.sql}`, bindings: proj.select.bindings },
    ...(input.extra?.sql ? [{ sql: `, ${input.extra.sql}`, bindings: input.extra.bindings }] : []),
    { sql: ` from ?? as ??${joins.sql}`, bindings: [input.entity.name, MAIN, ...joins.bindings] },
    { sql: ` where ${where.sql}`, bindings: where.bindings },
    ...(input.orderBy ? [{ sql: ` order by ${input.orderBy.sql}`, bindings: input.orderBy.bindings }] : []),
    ...(input.limit !== undefined ? [{ sql: ' limit ?', bindings: [input.limit] }] : []),
    ...(input.forUpdate ? [{ sql: ' for update of ??', bindings: [MAIN] }] : []),
  ];
  const q = join(parts, '');
  const { rows } = await ctx.db.raw(q.sql, q.bindings as never[]);
  return { records: rows.map((r: Record<string, unknown>) => rowToRecord(proj.keys, r)), rows };
};
