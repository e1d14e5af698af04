import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ReportDocument } from '../api/types.js';
import { dropGroup } from './drill-filter.js';
import type { AnswerColumn, ReportAnswer } from './report-answer.js';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ChartSpec = NonNullable<ReportDocument['chart']>;
type Aggregate = ReportDocument['measures'][number]['aggregate'];

/** Texts the view needs, in the app's language. */
export interface ViewLabels {
  /** A group's value (an enum's label, a user's name, "(none)" for null…). */
  group: (column: AnswerColumn, value: unknown) => string;
  /** A group column's title (the field's label, "Month"…). */
  groupTitle: (column: AnswerColumn) => string;
  measure: (key: string) => string;
  number: (value: number) => string;
  /** A date or an instant a min/max measure answered (never null: the view shows a dash for that). */
  moment?: (value: string, type: 'date' | 'datetime') => string;
  /** A group value's place among its field's choices (an enum's or a lifecycle's states, in order), when it has one. */
  rank?: (column: AnswerColumn, value: unknown) => number | undefined;
}

/** What a view shows for a measure with no value (a min or max over no rows). */
export const NO_VALUE = '—';

/** A min/max of dates as text: the value in the app's format, a dash for null (never 1970 or "Invalid date"). */
const momentText = (value: unknown, type: 'date' | 'datetime', labels: ViewLabels): string => {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  const text = String(value);
  if (Number.isNaN(Date.parse(text))) return NO_VALUE;
  return labels.moment ? labels.moment(text, type) : text;
};

/** The earliest (min) or latest (max) of several dates' texts; null when none. */
const pickMoment = (values: unknown[], aggregate: Aggregate | undefined): string | null => {
  const dated = values.filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
  if (!dated.length) return null;
  return dated.reduce((a, b) => ((aggregate === 'min' ? Date.parse(b) < Date.parse(a) : Date.parse(b) > Date.parse(a)) ? b : a));
};

/** What the report's document adds: its filter (kept when drilling) and each measure's aggregate. */
export interface ReportInfo {
  filter?: unknown;
  /** The report sorts its rows itself (then its order is kept, not the choices'). */
  sorted?: boolean;
  aggregates?: Record<string, Aggregate>;
}

export interface TableView {
  kind: 'table';
  columns: { key: string; label: string; numeric: boolean }[];
  rows: { cells: Record<string, string>; drill: unknown }[];
}

/** A widget as drawn: nothing, one number, a table, or an echarts option whose data items carry an index into `drills`. */
export type WidgetView =
  | { kind: 'empty' }
  | { kind: 'number'; value: string; label: string; drill?: unknown }
  | TableView
  | { kind: 'chart'; type: ChartSpec['type']; option: ChartOption; drills: unknown[] };

/** A chart item's link to its records: `drill` is an index into the view's `drills`. */
export interface DrillItem {
  value: number | null;
  name?: string;
  drill?: number;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;
const keyOf = (v: unknown): string => JSON.stringify(v ?? null);

/** The chart to draw: the widget's, else the report's, else a bar (grouped) or a number. */
export const chartSpec = (answer: ReportAnswer, override?: ChartSpec): ChartSpec =>
  override ?? answer.chart ?? { type: answer.columns.some((c) => c.kind === 'group') ? 'bar' : 'number' };

const combine = (values: number[], aggregate: Aggregate | undefined): number => {
  if (!values.length) return 0;
  if (aggregate === 'avg') return values.reduce((a, b) => a + b, 0) / values.length;
  if (aggregate === 'min') return Math.min(...values);
  if (aggregate === 'max') return Math.max(...values);
  return values.reduce((a, b) => a + b, 0);
};

/**
 * A report's answer as a widget: pure, so every chart type is tested without a browser.
 * The x axis is the chart's `x` group (else the first group); a second group splits the
 * series (stacked when the chart says so); several rows adding up to one item (a pie slice
 * over a split) drill without the split group's condition.
 */
export const widgetView = (answer: ReportAnswer, spec: ChartSpec, labels: ViewLabels, info: ReportInfo = {}): WidgetView => {
  if (!answer.rows.length) return { kind: 'empty' };
  const groups = answer.columns.filter((c) => c.kind === 'group');
  const measures = answer.columns.filter((c) => c.kind === 'measure');
  const ys = (spec.y?.length ? spec.y : measures.map((m) => m.key)).filter((k) => measures.some((m) => m.key === k));
  if (!ys.length) ys.push(measures[0].key);
  const drills: unknown[] = [];
  const drillOf = (rowIndexes: number[], split?: AnswerColumn): number => {
    const first = answer.drillFilters[rowIndexes[0]];
    drills.push(rowIndexes.length === 1 || !split?.field ? first : dropGroup(first, split.field, info.filter));
    return drills.length - 1;
  };

  if (spec.type === 'number' || !groups.length) {
    const y = ys[0];
    const drill = answer.rows.length === 1 ? answer.drillFilters[0] : undefined;
    const dated = measures.find((m) => m.key === y)?.type;
    if (dated) return { kind: 'number', value: momentText(pickMoment(answer.rows.map((r) => r[y]), info.aggregates?.[y]), dated, labels), label: labels.measure(y), drill };
    const value = combine(answer.rows.map((r) => num(r[y])), info.aggregates?.[y]);
    return { kind: 'number', value: labels.number(value), label: labels.measure(y), drill };
  }

  if (spec.type === 'table') {
    return {
      kind: 'table',
      columns: answer.columns.map((c) => ({ key: c.key, label: c.kind === 'measure' ? labels.measure(c.key) : labels.groupTitle(c), numeric: c.kind === 'measure' })),
      rows: answer.rows.map((r, i) => ({
        cells: Object.fromEntries(answer.columns.map((c) => [c.key, c.kind === 'group' ? labels.group(c, r[c.key]) : c.type ? momentText(r[c.key], c.type, labels) : r[c.key] === null ? NO_VALUE : labels.number(num(r[c.key]))])),
        drill: answer.drillFilters[i],
      })),
    };
  }

  const x = groups.find((g) => g.key === spec.x) ?? groups[0];
  const other = groups.find((g) => g !== x);
  const cats: unknown[] = [];
  const byCat = new Map<string, number[]>();
  answer.rows.forEach((r, i) => {
    const k = keyOf(r[x.key]);
    if (!byCat.has(k)) {
      byCat.set(k, []);
      cats.push(r[x.key]);
    }
    byCat.get(k)?.push(i);
  });
  // Choices (stages, statuses) in their declared order, not their codes' alphabetical one, empty last;
  // a funnel always (its steps are the stages), other charts unless the report sorts its rows.
  if ((spec.type === 'funnel' || !info.sorted) && labels.rank) {
    const rankOf = (v: unknown) => (v === null || v === undefined ? Number.MAX_SAFE_INTEGER : (labels.rank?.(x, v) ?? Number.NaN));
    if (cats.every((v) => !Number.isNaN(rankOf(v)))) cats.sort((a, b) => rankOf(a) - rankOf(b));
  }
  const catLabels = cats.map((v) => labels.group(x, v));
  // The other group splits the series only where it does split a category (a product's category does not).
  const split = other && [...byCat.values()].some((rows) => rows.length > 1) ? other : undefined;

  if (spec.type === 'pie' || spec.type === 'funnel') {
    const y = ys[0];
    const data: { name: string; value: number; drill: number }[] = cats.map((v, ci) => {
      const rows = byCat.get(keyOf(v)) ?? [];
      return { name: catLabels[ci], value: combine(rows.map((i) => num(answer.rows[i][y])), info.aggregates?.[y]), drill: drillOf(rows, split) };
    });
    const name = labels.measure(y);
    const series: PieSeriesOption | FunnelSeriesOption =
      spec.type === 'pie'
        ? ({ type: 'pie', name, radius: ['38%', '68%'], center: ['50%', '45%'], data, label: { show: false, position: 'center', formatter: '{b}\n{d}%' }, emphasis: { label: { show: true, fontSize: 14, fontWeight: 'bold' } } } satisfies PieSeriesOption)
        : ({ type: 'funnel', name, sort: 'none', left: '10%', width: '80%', top: 10, bottom: 50, data, label: { position: 'inside' } } satisfies FunnelSeriesOption);
    return {
      kind: 'chart',
      type: spec.type,
      drills,
      option: { tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 }, series: [series] },
    };
  }

  // bar, line, area: one series per split value (one measure) or per measure.
  const seriesKeys: { name: string; measure: string; splitValue?: unknown }[] = [];
  if (split && ys.length === 1) {
    const seen = new Set<string>();
    for (const r of answer.rows) {
      const k = keyOf(r[split.key]);
      if (seen.has(k)) continue;
      seen.add(k);
      seriesKeys.push({ name: labels.group(split, r[split.key]), measure: ys[0], splitValue: r[split.key] });
    }
  } else for (const y of ys) seriesKeys.push({ name: labels.measure(y), measure: y });

  const line = spec.type === 'line' || spec.type === 'area';
  const series = seriesKeys.map((s) => {
    const data: DrillItem[] = cats.map((v) => {
      const rows = (byCat.get(keyOf(v)) ?? []).filter((i) => !('splitValue' in s) || keyOf(answer.rows[i][split?.key ?? '']) === keyOf(s.splitValue));
      if (!rows.length) return { value: null };
      return { value: combine(rows.map((i) => num(answer.rows[i][s.measure])), info.aggregates?.[s.measure]), drill: drillOf(rows, 'splitValue' in s ? undefined : split) };
    });
    const stack = spec.stacked ? 'total' : undefined;
    return line
      ? ({ type: 'line', name: s.name, data, stack, connectNulls: true, ...(spec.type === 'area' ? { areaStyle: {} } : {}) } satisfies LineSeriesOption)
      : ({ type: 'bar', name: s.name, data, stack, barMaxWidth: 48 } satisfies BarSeriesOption);
  });
  return {
    kind: 'chart',
    type: spec.type,
    drills,
    option: {
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { type: 'scroll', bottom: 0 } : { show: false },
      grid: { left: 8, right: 16, top: 16, bottom: series.length > 1 ? 36 : 8, containLabel: true },
      xAxis: { type: 'category', data: catLabels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series,
    } as ChartOption,
  };
};
