import { invalidInput, notFound } from '../errors.js';
import type { Label, ReportDocument } from '../metadata/types.js';
import { MAIN, joinsSql } from '../records/record-scope.js';
import { translatePgError } from '../records/translate-pg-error.js';
import type { RecordContext } from '../records/types.js';
import type { SqlFragment } from '../rules/index.js';
import { axisLevels, describeDimensions, type DimensionInfo, type Level } from './dimensions.js';
import { measureKey } from './report-parts.js';
import { filtersOf, joinSql, reportScope } from './report-scope.js';

export interface PivotInput {
  /** Axis items: `time:month` (a dimension down to a level), `time` (its top level) or a field path. */
  rows?: string[];
  columns?: string[];
  /** Measure keys of the report; all of them when left out. */
  measures?: string[];
  filter?: unknown;
  /** Level key (`time.year`) or field path → value: only that member (drill into it). */
  drill?: Record<string, unknown>;
}

export interface PivotCell {
  /** The row members, top level first; shorter than the row levels on a subtotal, empty on the total. */
  row: unknown[];
  col: unknown[];
  values: Record<string, number | null>;
}

export interface PivotAnswer {
  report: string;
  label: Label;
  entity: string;
  dimensions: DimensionInfo[];
  measures: { key: string; label: Label }[];
  rows: { key: string; label: Label }[];
  columns: { key: string; label: Label }[];
  cells: PivotCell[];
  /** Level key → value → label, for levels over enum fields (options or dictionary) and over users (their names). */
  valueLabels: Record<string, Record<string, Label>>;
  truncated: boolean;
}

const MAX_CELLS = 20000;

const axisOf = (v: unknown, field: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string') || v.length > 6) throw invalidInput(`${field} must be a list of up to 6 dimension levels or field paths`, [{ field, message: 'expected a list of strings' }]);
  return v as string[];
};

/** The options of a report's pivot: its dimensions and measures, without running it. */
export const pivotOptions = (doc: ReportDocument, ctx: RecordContext): Pick<PivotAnswer, 'dimensions' | 'measures'> => {
  const entity = ctx.meta.entities[doc.entity];
  return {
    dimensions: entity ? describeDimensions(doc, entity) : [],
    measures: doc.measures.map((m) => ({ key: measureKey(m), label: (m.label as Label | undefined) ?? { en: measureKey(m), 'zh-CN': measureKey(m) } })),
  };
};

/**
 * A pivot of a report: row levels × column levels × measures chosen at run time, with a
 * subtotal at every level of each axis and the grand total, as ONE aggregate statement
 * (`group by rollup(rows), rollup(columns)`) under the actor's read scope and field access.
 * No record reaches Node: only the aggregated cells.
 */
/** The names of users by id (the caller resolves them where names live). */
export type UserNames = (ids: string[]) => Promise<Map<string, string>>;

export const runPivot = async (name: string, input: PivotInput, ctx: RecordContext, userNames?: UserNames): Promise<PivotAnswer> => {
  const doc = ctx.meta.documents.report?.[name] as unknown as ReportDocument | undefined;
  if (!doc) throw notFound(`There is no report "${name}"`);
  const s = reportScope(doc, ctx);
  const rowItems = axisOf(input.rows, 'rows');
  const colItems = axisOf(input.columns, 'columns');
  const seen = new Set<string>();
  const levelsOf = (items: string[], axis: string): Level[] =>
    items.flatMap((item, i) => {
      const levels = axisLevels(item, doc, s.entity, ctx.meta.entities, s.scope, `${axis}/${i}`);
      if (seen.has(levels[0].dimension)) throw invalidInput(`"${levels[0].dimension}" is on the pivot twice`, [{ field: `${axis}/${i}`, message: 'already used', code: 'DUPLICATE_DIMENSION' }]);
      seen.add(levels[0].dimension);
      return levels;
    });
  const rows = levelsOf(rowItems, 'rows');
  const cols = levelsOf(colItems, 'columns');
  const options = pivotOptions(doc, ctx);
  const chosen = input.measures === undefined ? doc.measures : axisOf(input.measures, 'measures').map((key, i) => {
    const m = doc.measures.find((x) => measureKey(x) === key);
    if (!m) throw invalidInput(`"${key}" is not a measure of this report`, [{ field: `measures/${i}`, message: 'unknown measure', code: 'UNKNOWN_MEASURE' }]);
    return m;
  });
  if (!chosen.length) throw invalidInput('Choose at least one measure', [{ field: 'measures', message: 'empty' }]);

  // The inner select computes each level and measure argument once per row, under the scope.
  const inner: SqlFragment[] = [];
  rows.forEach((l, i) => inner.push({ sql: `${l.expr.sql} as _r${i}`, bindings: l.expr.bindings }));
  cols.forEach((l, i) => inner.push({ sql: `${l.expr.sql} as _c${i}`, bindings: l.expr.bindings }));
  const aggs = chosen.map((m, i) => {
    if (m.aggregate === 'count' && !m.field) return 'count(*)';
    const v = s.scope.resolveVar(m.field ?? '');
    if (!v) throw invalidInput(`The report measures "${m.field}", which is not a field you can read`, [{ field: `measures/${i}`, message: 'unknown field', code: 'UNKNOWN_FIELD' }]);
    inner.push({ sql: `${v.sql} as _a${i}`, bindings: v.bindings });
    return m.aggregate === 'count_distinct' ? `count(distinct _a${i})` : `${m.aggregate}(_a${i})`;
  });
  if (!inner.length) inner.push({ sql: '1 as _one', bindings: [] });
  const where = [...s.where, ...filtersOf(s, [doc.filter, input.filter])];
  if (input.drill !== undefined) {
    if (typeof input.drill !== 'object' || input.drill === null || Array.isArray(input.drill)) throw invalidInput('drill must be an object of level → value', [{ field: 'drill', message: 'expected an object' }]);
    for (const [key, value] of Object.entries(input.drill)) {
      const [dim, level] = key.split('.');
      const l = (doc.dimensions ?? []).some((d) => d.name === dim) ? axisLevels(`${dim}:${level}`, doc, s.entity, ctx.meta.entities, s.scope, `drill/${key}`).pop()! : axisLevels(key, doc, s.entity, ctx.meta.entities, s.scope, `drill/${key}`)[0];
      where.push(value === null ? { sql: `(${l.expr.sql}) is null`, bindings: l.expr.bindings } : { sql: `cast(${l.expr.sql} as text) = ?`, bindings: [...l.expr.bindings, String(value)] });
    }
  }
  const select = joinSql(inner, ', ');
  const joins = joinsSql(s.state);
  const filters = joinSql(where, ' and ');
  const r = rows.map((_, i) => `_r${i}`);
  const c = cols.map((_, i) => `_c${i}`);
  const groupBy = [r.length && `rollup(${r.join(', ')})`, c.length && `rollup(${c.join(', ')})`].filter(Boolean);
  const flags = [...r, ...c].map((x) => `grouping(${x}) as _g${x}`);
  // Members in order, each level's subtotal after its members, the total last.
  const order = [...r, ...c].flatMap((x) => [`grouping(${x})`, `${x} nulls last`]);
  const q: SqlFragment = {
    sql:
      `select ${[...r, ...c, ...flags, ...aggs.map((a, i) => `${a} as _m${i}`)].join(', ')} from (select ${select.sql} from ?? as ??${joins.sql} where ${filters.sql}) as _p` +
      `${groupBy.length ? ` group by ${groupBy.join(', ')}` : ''}${order.length ? ` order by ${order.join(', ')}` : ''} limit ?`,
    bindings: [...select.bindings, s.entity.name, MAIN, ...joins.bindings, ...filters.bindings, MAX_CELLS + 1],
  };
  let result: Record<string, unknown>[];
  try {
    result = (await ctx.db.raw(q.sql, q.bindings as never[])).rows;
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  const depth = (names: string[], row: Record<string, unknown>) => names.filter((x) => Number(row[`_g${x}`]) === 0).length;
  const keys = chosen.map(measureKey);
  const cells = result.slice(0, MAX_CELLS).map((row) => ({
    row: r.slice(0, depth(r, row)).map((x) => row[x] ?? null),
    col: c.slice(0, depth(c, row)).map((x) => row[x] ?? null),
    values: Object.fromEntries(keys.map((k, i) => [k, row[`_m${i}`] === null ? null : Number(row[`_m${i}`])])),
  }));
  return {
    report: doc.name,
    label: doc.label,
    entity: s.entity.name,
    dimensions: options.dimensions,
    measures: options.measures.filter((m) => keys.includes(m.key)),
    rows: rows.map(({ key, label }) => ({ key, label })),
    columns: cols.map(({ key, label }) => ({ key, label })),
    cells,
    valueLabels: await withUserNames(valueLabels([...rows, ...cols], cells, rows.length, ctx), [...rows, ...cols], cells, rows.length, userNames),
    truncated: result.length > MAX_CELLS,
  };
};

/** Labels of the enum members that appear, from the field's options or dictionary. */
const valueLabels = (levels: Level[], cells: PivotCell[], rowCount: number, ctx: RecordContext): PivotAnswer['valueLabels'] => {
  const out: PivotAnswer['valueLabels'] = {};
  levels.forEach((l, i) => {
    if (!l.field) return;
    const field = ctx.meta.entities[l.field.entity]?.fields[l.field.name] as { dictionary?: string; options?: { value: string; label: Label }[] } | undefined;
    const items = field?.dictionary ? (ctx.meta.dictionaries[field.dictionary]?.items ?? []) : (field?.options ?? []);
    const byValue = new Map(items.map((it) => [it.value, it.label as Label]));
    const labels: Record<string, Label> = {};
    for (const cell of cells) {
      const v = i < rowCount ? cell.row[i] : cell.col[i - rowCount];
      const label = typeof v === 'string' ? byValue.get(v) : undefined;
      if (label) labels[v as string] = label;
    }
    out[l.key] = labels;
  });
  return out;
};

/**
 * The names of the users a user level shows, so no id reaches the screen: only the owners
 * of rows the actor may read appear in the cells, so their names are the actor's to see.
 */
const withUserNames = async (out: PivotAnswer['valueLabels'], levels: Level[], cells: PivotCell[], rowCount: number, userNames?: UserNames): Promise<PivotAnswer['valueLabels']> => {
  const at = levels.map((l, i) => (l.users ? i : -1)).filter((i) => i >= 0);
  if (!userNames || !at.length) return out;
  const member = (cell: PivotCell, i: number) => (i < rowCount ? cell.row[i] : cell.col[i - rowCount]);
  const ids = new Set<string>();
  for (const cell of cells) for (const i of at) if (typeof member(cell, i) === 'string') ids.add(member(cell, i) as string);
  const names = ids.size ? await userNames([...ids]) : new Map<string, string>();
  for (const i of at) {
    const labels: Record<string, Label> = { ...out[levels[i].key] };
    for (const cell of cells) {
      const v = member(cell, i);
      const name = typeof v === 'string' ? names.get(v) : undefined;
      if (name) labels[v as string] = { en: name, 'zh-CN': name };
    }
    out[levels[i].key] = labels;
  }
  return out;
};
