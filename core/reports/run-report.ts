import { invalidInput, notFound } from '../errors.js';
import type { ReportDocument } from '../metadata/types.js';
import { MAIN, joinsSql } from '../records/record-scope.js';
import { translatePgError } from '../records/translate-pg-error.js';
import type { RecordContext } from '../records/types.js';
import type { SqlFragment } from '../rules/index.js';
import { drillFilter, drillWhere, type Drill } from './drill.js';
import { groupParts, measureParts, type MeasurePart } from './report-parts.js';
import { filtersOf, joinSql as join, reportScope } from './report-scope.js';

export interface ReportInput {
  /** More json-logic, and-ed with the report's own filter. */
  filter?: unknown;
  /** Group key → value: only the rows of that cell (drill down). */
  drill?: Drill;
}

export interface ReportAnswer {
  report: string;
  label: ReportDocument['label'];
  entity: string;
  columns: { key: string; kind: 'group' | 'measure'; field?: string; granularity?: string; /** A measure's min or max of a date or instant: its values are texts, null over no rows. */ type?: 'date' | 'datetime' }[];
  rows: Record<string, unknown>[];
  /** Per row, the json-logic filter that lists its records (GET /api/records/:entity?filter=). */
  drillFilters: unknown[];
  chart?: ReportDocument['chart'];
  truncated: boolean;
}

/** An aggregate over one entity, as a report document says it but without storing one. */
export interface AggregateQuery {
  entity: string;
  groupBy?: ReportDocument['groupBy'];
  measures: ReportDocument['measures'];
  filter?: unknown;
  sort?: ReportDocument['sort'];
  limit?: number;
}

/**
 * Runs a report document as ONE aggregate query in the tenant transaction: its groups
 * (time buckets for dates), measures, filter, the caller's extra filter and drill-down,
 * and the actor's read scope and field access — the same predicate lists use, so a
 * report never counts a row or reads a field the actor could not see.
 */
export const runReport = async (name: string, input: ReportInput, ctx: RecordContext): Promise<ReportAnswer> => {
  const doc = ctx.meta.documents.report?.[name] as unknown as ReportDocument | undefined;
  if (!doc) throw notFound(`There is no report "${name}"`);
  return runReportDocument(doc, input, ctx);
};

/**
 * An ad-hoc aggregate (counts, sums… grouped by fields) under the actor's read scope and
 * field access, exactly as a report runs: what plugin code uses instead of raw SQL.
 */
export const aggregateRecords = async (query: AggregateQuery, ctx: RecordContext): Promise<ReportAnswer> =>
  runReportDocument({ kind: 'report', name: `${query.entity}_aggregate`, label: { en: query.entity, 'zh-CN': query.entity }, ...query, filter: query.filter as ReportDocument['filter'] }, {}, ctx);

/** A measure's value in the answer: a number, a date's or instant's text, or null (nothing to aggregate). */
const measureValue = (m: MeasurePart, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (m.type) return value instanceof Date ? value.toISOString() : String(value);
  return Number(value);
};

export const runReportDocument = async (doc: ReportDocument, input: ReportInput, ctx: RecordContext): Promise<ReportAnswer> => {
  const name = doc.name;
  const { entity, state, scope, where } = reportScope(doc, ctx);
  const groups = groupParts(doc, scope);
  const measures = measureParts(doc, scope);
  where.push(...filtersOf({ entity, state, scope, where }, [doc.filter, input.filter]));
  if (input.drill) where.push(...drillWhere(input.drill, groups));
  const limit = doc.limit ?? 1000;
  const select = join([...groups.map((g, i) => ({ sql: `${g.expr.sql} as _g${i}`, bindings: g.expr.bindings })), ...measures.map((m, i) => ({ sql: `${m.expr.sql} as _m${i}`, bindings: m.expr.bindings }))], ', ');
  const order = (doc.sort ?? []).map((s) => {
    const gi = groups.findIndex((g) => g.key === s.field || g.field === s.field);
    const mi = measures.findIndex((m) => m.key === s.field);
    const col = gi >= 0 ? `_g${gi}` : mi >= 0 ? `_m${mi}` : undefined;
    if (!col) throw invalidInput(`The report sorts by "${s.field}", which is neither a group nor a measure`, [{ field: 'sort', message: 'unknown' }]);
    return `${col} ${s.direction === 'desc' ? 'desc' : 'asc'}`;
  });
  if (!order.length) order.push(...groups.map((_, i) => `_g${i} asc`));
  const joins = joinsSql(state);
  const filters = join(where, ' and ');
  const q: SqlFragment = {
    sql: `select ${select.sql} from ?? as ??${joins.sql} where ${filters.sql}${groups.length ? ` group by ${groups.map((_, i) => i + 1).join(', ')}` : ''}${order.length ? ` order by ${order.join(', ')}` : ''} limit ?`,
    bindings: [...select.bindings, entity.name, MAIN, ...joins.bindings, ...filters.bindings, limit + 1],
  };
  let rows: Record<string, unknown>[];
  try {
    rows = (await ctx.db.raw(q.sql, q.bindings as never[])).rows;
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  const shaped = rows.slice(0, limit).map((r) =>
    Object.fromEntries([...groups.map((g, i) => [g.key, r[`_g${i}`] ?? null]), ...measures.map((m, i) => [m.key, measureValue(m, r[`_m${i}`])])]),
  );
  return {
    report: name,
    label: doc.label,
    entity: entity.name,
    columns: [...groups.map((g) => ({ key: g.key, kind: 'group' as const, field: g.field, ...(g.granularity && { granularity: g.granularity }) })), ...measures.map((m) => ({ key: m.key, kind: 'measure' as const, ...(m.type && { type: m.type }) }))],
    rows: shaped,
    drillFilters: shaped.map((row) => drillFilter(doc.filter, row, groups)),
    chart: doc.chart,
    truncated: rows.length > limit,
  };
};
