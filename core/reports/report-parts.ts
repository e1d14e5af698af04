import { invalidInput } from '../errors.js';
import type { ReportDocument, ReportGroup, ReportMeasure } from '../metadata/types.js';
import type { ResolvedVar, SqlFragment, SqlScope } from '../rules/index.js';

export type Granularity = 'year' | 'quarter' | 'month' | 'week' | 'day';

/** One group of a report as SQL: its key in the answer and the expression it groups by. */
export interface GroupPart {
  key: string;
  field: string;
  granularity?: Granularity;
  expr: SqlFragment;
  /** A time bucket of a datetime field: the zone its days are cut in (the tenant's). */
  zone?: string;
}

export interface MeasurePart {
  key: string;
  expr: SqlFragment;
  /** The earliest or latest of a date or an instant: answered as its text (null over no rows), not as a number. */
  type?: 'date' | 'datetime';
}

// Bucket labels that sort as text in time order: 2024, 2024-Q3, 2024-07, 2024-W05, 2024-07-31.
const BUCKET: Record<Granularity, string> = {
  year: 'YYYY',
  quarter: 'YYYY-"Q"Q',
  month: 'YYYY-MM',
  week: 'IYYY-"W"IW',
  day: 'YYYY-MM-DD',
};

const resolve = (path: string, scope: SqlScope, where: string): ResolvedVar => {
  const v = scope.resolveVar(path);
  if (!v) throw invalidInput(`The report uses "${path}", which is not a field you can read`, [{ field: where, message: `unknown field "${path}"`, code: 'UNKNOWN_FIELD' }]);
  return v;
};

export const groupParts = (doc: ReportDocument, scope: SqlScope): GroupPart[] =>
  (doc.groupBy ?? []).map((g: ReportGroup, i) => {
    const field = typeof g === 'string' ? g : g.field;
    const granularity = typeof g === 'string' ? undefined : g.granularity;
    const v = resolve(field, scope, `groupBy/${i}`);
    const key = granularity ? `${field}_${granularity}` : field;
    // An instant falls in the bucket of its day in the tenant's zone, not in UTC's.
    const zone = granularity && v.type === 'datetime' ? (scope.timeZone ?? 'UTC') : undefined;
    const expr = !granularity
      ? { sql: v.sql, bindings: v.bindings }
      : zone
        ? { sql: `to_char((${v.sql}) at time zone cast(? as text), '${BUCKET[granularity]}')`, bindings: [...v.bindings, zone] }
        : { sql: `to_char(${v.sql}, '${BUCKET[granularity]}')`, bindings: v.bindings };
    return { key, field, granularity, expr, zone };
  });

export const measureKey = (m: ReportMeasure): string => m.name ?? (m.field ? `${m.aggregate}_${m.field.replace(/\./g, '_')}` : m.aggregate);

export const measureParts = (doc: ReportDocument, scope: SqlScope): MeasurePart[] =>
  doc.measures.map((m, i) => {
    if (m.aggregate === 'count' && !m.field) return { key: measureKey(m), expr: { sql: 'count(*)', bindings: [] } };
    const v = resolve(m.field ?? '', scope, `measures/${i}`);
    const sql = m.aggregate === 'count_distinct' ? `count(distinct ${v.sql})` : m.aggregate === 'count' ? `count(${v.sql})` : `${m.aggregate}(${v.sql})`;
    const dated = (m.aggregate === 'min' || m.aggregate === 'max') && (v.type === 'date' || v.type === 'datetime');
    return { key: measureKey(m), expr: { sql, bindings: v.bindings }, ...(dated && { type: v.type as 'date' | 'datetime' }) };
  });
