import { userGuard } from './access.js';
import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { projection, rowToRecord } from './projection.js';
import { MAIN, joinsSql, newQueryState, recordScope, type QueryState } from './record-scope.js';
import type { SortOrder } from './parse-sort.js';
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
  /**
   * Read the rows as several parts (each one more predicate, with `where`), each ordered and
   * limited on its own and merged in `order` (the keys of `orderBy`): for parts that find their
   * rows best in different ways. The parts must not overlap.
   */
  parts?: { where: SqlFragment[]; order: SortOrder; with?: SqlFragment };
}

const join = (parts: SqlFragment[], sep: string): SqlFragment => ({ sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) });

/** `[with …] (part 1) union all (part 2) …`, each part carrying its sort keys (`_o0`…, `_oid`) for the merged order and limit. */
const merged = (input: SelectInput, parts: NonNullable<SelectInput['parts']>, one: (where: SqlFragment[], extra: SqlFragment | undefined) => SqlFragment): SqlFragment => {
  const { keys, idDesc } = parts.order;
  const sortCols: SqlFragment = { sql: [...keys.map((k, i) => `${k.expr.sql} as _o${i}`), '?? as _oid'].join(', '), bindings: [...keys.flatMap((k) => k.expr.bindings), `${MAIN}.id`] };
  const extra = input.extra?.sql ? join([input.extra, sortCols], ', ') : sortCols;
  const branches = parts.where.map((p) => one([...(input.where ?? []), p], extra));
  const order = [...keys.map((k, i) => `_o${i} ${k.desc ? 'desc' : 'asc'}`), `_oid ${idDesc ? 'desc' : 'asc'}`].join(', ');
  return join([
    ...(parts.with ? [{ sql: `with ${parts.with.sql} `, bindings: parts.with.bindings }] : []),
    { sql: `select * from (${branches.map((b) => `(${b.sql})`).join(' union all ')}) as _u order by ${order}`, bindings: branches.flatMap((b) => b.bindings) },
    ...(input.limit !== undefined ? [{ sql: ' limit ?', bindings: [input.limit] }] : []),
  ], '');
};

/** One SELECT over an entity: projection (formulas, roll-ups, links, reference paths), joins, filters, order, limit. */
export const selectRecords = async (input: SelectInput, ctx: RecordContext): Promise<{ records: RecordData[]; rows: Record<string, unknown>[] }> => {
  const state = input.state ?? newQueryState();
  const guard = input.guarded ? userGuard(ctx) : undefined;
  const proj = projection(input.entity, input.fields, recordScope(input.entity, state, ctx, guard), guard?.hidden(input.entity));
  const joins = joinsSql(state);
  const one = (whereParts: SqlFragment[], extra: SqlFragment | undefined): SqlFragment => {
    const where = whereParts.length ? join(whereParts, ' and ') : { sql: 'true', bindings: [] };
    return join([
      { sql: `select ${proj.select.sql}`, bindings: proj.select.bindings },
      ...(extra?.sql ? [{ sql: `, ${extra.sql}`, bindings: extra.bindings }] : []),
      { sql: ` from ?? as ??${joins.sql}`, bindings: [input.entity.name, MAIN, ...joins.bindings] },
      { sql: ` where ${where.sql}`, bindings: where.bindings },
      ...(input.orderBy ? [{ sql: ` order by ${input.orderBy.sql}`, bindings: input.orderBy.bindings }] : []),
      ...(input.limit !== undefined ? [{ sql: ' limit ?', bindings: [input.limit] }] : []),
      ...(input.forUpdate ? [{ sql: ' for update of ??', bindings: [MAIN] }] : []),
    ], '');
  };
  const q = input.parts ? merged(input, input.parts, one) : one(input.where ?? [], input.extra);
  const { rows } = await ctx.db.raw(q.sql, q.bindings as never[]);
  return { records: rows.map((r: Record<string, unknown>) => rowToRecord(proj.keys, r)), rows };
};
