import { describe, expect, it } from 'vitest';
import { dropGroup, drillLink } from './drill-filter.js';
import type { ReportAnswer } from './report-answer.js';
import { chartSpec, widgetView, type DrillItem, type ViewLabels } from './widget-view.js';

const labels: ViewLabels = {
  group: (c, v) => (v === null ? '(none)' : `${c.key}:${String(v)}`),
  groupTitle: (c) => `title:${c.key}`,
  measure: (k) => `M ${k}`,
  number: (n) => n.toFixed(1),
};

const eq = (f: string, v: unknown) => ({ '==': [{ var: f }, v] });
const notLost = { '!=': [{ var: 'status' }, 'lost'] };

/** customers_by_region: two groups, stacked bar by region, one row per (region, grade). */
const byRegion: ReportAnswer = {
  report: 'customers_by_region',
  label: { en: 'Customers by region', 'zh-CN': '客户分布' },
  entity: 'customer',
  columns: [
    { key: 'region', kind: 'group', field: 'region' },
    { key: 'grade', kind: 'group', field: 'grade' },
    { key: 'customers', kind: 'measure' },
  ],
  rows: [
    { region: 'east', grade: 'vip', customers: 3 },
    { region: 'east', grade: 'normal', customers: 5 },
    { region: 'north', grade: 'normal', customers: 2 },
    { region: null, grade: 'vip', customers: 1 },
  ],
  drillFilters: [
    { and: [notLost, eq('region', 'east'), eq('grade', 'vip')] },
    { and: [notLost, eq('region', 'east'), eq('grade', 'normal')] },
    { and: [notLost, eq('region', 'north'), eq('grade', 'normal')] },
    { and: [notLost, eq('region', null), eq('grade', 'vip')] },
  ],
  chart: { type: 'bar', stacked: true, x: 'region', y: ['customers'] },
  truncated: false,
};

const seriesOf = (view: ReturnType<typeof widgetView>) => {
  if (view.kind !== 'chart') throw new Error(`expected a chart, got ${view.kind}`);
  return view.option.series as { type: string; name: string; stack?: string; data: DrillItem[]; areaStyle?: object; sort?: string }[];
};

describe('report answer → widget', () => {
  it('draws a stacked bar: categories from the x group, one series per value of the other group, each cell drilling to its row', () => {
    const view = widgetView(byRegion, chartSpec(byRegion), labels);
    if (view.kind !== 'chart') throw new Error('chart expected');
    expect((view.option.xAxis as { data: string[] }).data).toEqual(['region:east', 'region:north', '(none)']);
    const series = seriesOf(view);
    expect(series.map((s) => [s.type, s.name, s.stack])).toEqual([
      ['bar', 'grade:vip', 'total'],
      ['bar', 'grade:normal', 'total'],
    ]);
    expect(series[0].data.map((d) => d.value)).toEqual([3, null, 1]);
    expect(series[1].data.map((d) => d.value)).toEqual([5, 2, null]);
    expect(view.drills[series[1].data[1].drill as number]).toEqual(byRegion.drillFilters[2]);
    expect(view.option.legend).toMatchObject({ type: 'scroll' });
  });

  it('draws a pie that adds up the split rows per slice and drills without the split condition', () => {
    const view = widgetView(byRegion, { type: 'pie', x: 'region', y: ['customers'] }, labels, { filter: notLost });
    const [pie] = seriesOf(view);
    expect(pie.type).toBe('pie');
    expect(pie.data.map((d) => [d.name, d.value])).toEqual([
      ['region:east', 8],
      ['region:north', 2],
      ['(none)', 1],
    ]);
    if (view.kind !== 'chart') throw new Error('chart expected');
    expect(view.drills[pie.data[0].drill as number]).toEqual({ and: [notLost, eq('region', 'east')] });
    expect(view.drills[pie.data[1].drill as number]).toEqual(byRegion.drillFilters[2]);
  });

  it('draws a funnel, a line, an area and one series per measure without a split', () => {
    const pipeline: ReportAnswer = {
      ...byRegion,
      columns: [{ key: 'stage', kind: 'group', field: 'stage' }, { key: 'opportunities', kind: 'measure' }, { key: 'amount', kind: 'measure' }],
      rows: [{ stage: 'won', opportunities: 2, amount: 900 }, { stage: 'lead', opportunities: 5, amount: 100 }],
      drillFilters: [eq('stage', 'won'), eq('stage', 'lead')],
      chart: { type: 'funnel', x: 'stage', y: ['amount'] },
    };
    const [funnel] = seriesOf(widgetView(pipeline, chartSpec(pipeline), labels));
    expect(funnel.type).toBe('funnel');
    expect(funnel.data.map((d) => d.value)).toEqual([900, 100]);

    const lines = seriesOf(widgetView(pipeline, { type: 'line' }, labels));
    expect(lines.map((s) => [s.type, s.name, s.stack])).toEqual([
      ['line', 'M opportunities', undefined],
      ['line', 'M amount', undefined],
    ]);
    expect(seriesOf(widgetView(pipeline, { type: 'area', y: ['amount'] }, labels))[0].areaStyle).toEqual({});
    const bars = seriesOf(widgetView(pipeline, { type: 'bar', y: ['opportunities', 'nope'] }, labels));
    expect(bars.map((s) => s.name)).toEqual(['M opportunities']);
  });

  it('steps a funnel through the stages in their declared order, whatever the rows\' order, and keeps a sorted report\'s bars', () => {
    const stages = ['lead', 'qualified', 'won'];
    const ranked: ViewLabels = { ...labels, rank: (c, v) => (c.field === 'stage' && stages.includes(String(v)) ? stages.indexOf(String(v)) : undefined) };
    const pipeline: ReportAnswer = {
      ...byRegion,
      columns: [{ key: 'stage', kind: 'group', field: 'stage' }, { key: 'amount', kind: 'measure' }],
      rows: [{ stage: 'won', amount: 900 }, { stage: null, amount: 5 }, { stage: 'lead', amount: 100 }, { stage: 'qualified', amount: 300 }],
      drillFilters: [eq('stage', 'won'), eq('stage', null), eq('stage', 'lead'), eq('stage', 'qualified')],
      chart: { type: 'funnel', x: 'stage', y: ['amount'] },
    };
    const view = widgetView(pipeline, chartSpec(pipeline), ranked, { sorted: true });
    const [funnel] = seriesOf(view);
    expect(funnel.sort).toBe('none');
    expect(funnel.data.map((d) => d.name)).toEqual(['stage:lead', 'stage:qualified', 'stage:won', '(none)']);
    // Each step still drills to its own stage.
    expect(funnel.data.map((d) => (view.kind === 'chart' ? view.drills[d.drill ?? -1] : undefined))).toEqual([eq('stage', 'lead'), eq('stage', 'qualified'), eq('stage', 'won'), eq('stage', null)]);
    const bars = widgetView(pipeline, { type: 'bar' }, ranked, { sorted: true });
    expect(bars.kind === 'chart' && (bars.option.xAxis as { data: string[] }).data).toEqual(['stage:won', '(none)', 'stage:lead', 'stage:qualified']);
    const unsorted = widgetView(pipeline, { type: 'bar' }, ranked);
    expect(unsorted.kind === 'chart' && (unsorted.option.xAxis as { data: string[] }).data).toEqual(['stage:lead', 'stage:qualified', 'stage:won', '(none)']);
  });

  it('does not split by a group that never splits a category (a product’s category)', () => {
    const byProduct: ReportAnswer = {
      ...byRegion,
      columns: [{ key: 'product.category', kind: 'group', field: 'product.category' }, { key: 'product.name', kind: 'group', field: 'product.name' }, { key: 'sales', kind: 'measure' }],
      rows: [{ 'product.category': 'hw', 'product.name': 'Server', sales: 9 }, { 'product.category': 'sw', 'product.name': 'Licence', sales: 4 }],
      drillFilters: [{ and: [eq('product.category', 'hw'), eq('product.name', 'Server')] }, { and: [eq('product.category', 'sw'), eq('product.name', 'Licence')] }],
      chart: { type: 'bar', x: 'product.name', y: ['sales'] },
    };
    const view = widgetView(byProduct, chartSpec(byProduct), labels);
    const series = seriesOf(view);
    expect(series.map((s) => s.name)).toEqual(['M sales']);
    expect(series[0].data.map((d) => d.value)).toEqual([9, 4]);
    if (view.kind !== 'chart') throw new Error('chart expected');
    expect(view.drills[series[0].data[1].drill as number]).toEqual(byProduct.drillFilters[1]);
  });

  it('shows a number: the sum of counts, the mean of averages, a drill for a single row', () => {
    const count = widgetView(byRegion, { type: 'number', y: ['customers'] }, labels);
    expect(count).toEqual({ kind: 'number', value: '11.0', label: 'M customers', drill: undefined });
    const avg = widgetView(byRegion, { type: 'number' }, labels, { aggregates: { customers: 'avg' } });
    expect(avg).toMatchObject({ value: '2.8' });
    const total: ReportAnswer = { ...byRegion, columns: [{ key: 'customers', kind: 'measure' }], rows: [{ customers: 42 }], drillFilters: [notLost], chart: undefined };
    expect(chartSpec(total)).toEqual({ type: 'number' });
    expect(widgetView(total, chartSpec(total), labels)).toEqual({ kind: 'number', value: '42.0', label: 'M customers', drill: notLost });
  });

  it('lays out a table with titled columns, formatted cells and a drill per row', () => {
    const view = widgetView(byRegion, { type: 'table' }, labels);
    if (view.kind !== 'table') throw new Error('table expected');
    expect(view.columns).toEqual([
      { key: 'region', label: 'title:region', numeric: false },
      { key: 'grade', label: 'title:grade', numeric: false },
      { key: 'customers', label: 'M customers', numeric: true },
    ]);
    expect(view.rows[3]).toEqual({ cells: { region: '(none)', grade: 'grade:vip', customers: '1.0' }, drill: byRegion.drillFilters[3] });
  });

  it('is empty without rows', () => {
    expect(widgetView({ ...byRegion, rows: [], drillFilters: [] }, { type: 'bar' }, labels)).toEqual({ kind: 'empty' });
  });
});

describe('drill filters', () => {
  it('drops one group condition, time ranges included, and keeps the report filter', () => {
    const month = { and: [notLost, { '>=': [{ var: 'date' }, '2024-07-01'] }, { '<': [{ var: 'date' }, '2024-08-01'] }, eq('type', 'visit')] };
    expect(dropGroup(month, 'date', notLost)).toEqual({ and: [notLost, eq('type', 'visit')] });
    expect(dropGroup({ and: [eq('status', 'a'), eq('region', 'x')] }, 'region', undefined)).toEqual(eq('status', 'a'));
    expect(dropGroup({ and: [notLost, eq('status', 'lost')] }, 'status', notLost)).toEqual(notLost);
    expect(dropGroup(eq('region', 'x'), 'region', undefined)).toBeUndefined();
  });

  it('links to the filtered list', () => {
    expect(drillLink('customer', eq('region', 'east'))).toEqual({ path: '/app/customer', query: { filter: '{"==":[{"var":"region"},"east"]}' } });
    expect(drillLink('customer', undefined)).toEqual({ path: '/app/customer', query: {} });
  });
});

describe('the earliest or latest date of a group', () => {
  const lastOrders: ReportAnswer = {
    report: 'churn_by_reason',
    label: { en: 'Churn', 'zh-CN': '流失' },
    entity: 'customer_loss',
    columns: [
      { key: 'reason', kind: 'group', field: 'reason' },
      { key: 'last_order', kind: 'measure', type: 'date' },
    ],
    rows: [
      { reason: 'price', last_order: '2026-03-01' },
      { reason: 'service', last_order: null },
    ],
    drillFilters: [eq('reason', 'price'), eq('reason', 'service')],
    truncated: false,
  };
  const dated: ViewLabels = { ...labels, moment: (v, type) => `${type}:${v}` };

  it('shows a dash for a group with no date, never 1970 or "Invalid date"', () => {
    const view = widgetView(lastOrders, { type: 'table' }, dated);
    expect(view.kind === 'table' && view.rows.map((r) => r.cells.last_order)).toEqual(['date:2026-03-01', '—']);
  });

  it('answers the latest date as one number, and a dash when no row has one', () => {
    const one = widgetView(lastOrders, { type: 'number' }, dated, { aggregates: { last_order: 'max' } });
    expect(one.kind === 'number' && one.value).toBe('date:2026-03-01');
    const none = widgetView({ ...lastOrders, rows: [{ reason: 'service', last_order: null }] }, { type: 'number' }, dated, { aggregates: { last_order: 'max' } });
    expect(none.kind === 'number' && none.value).toBe('—');
  });
});
