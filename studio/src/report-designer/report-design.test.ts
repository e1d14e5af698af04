import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../api/types.js';
import { addWidget, cellsMoved, dashboardProblems, moveWidget, resizeWidget } from './dashboard-layout.js';
import { designProblems, fromReportDocument, measureFields, measureLabel, newReportDesign, toReportDocument, type ReportDesign } from './report-design.js';

const deal = {
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '商机' },
  fields: {
    title: { type: 'text', label: { en: 'Title', 'zh-CN': '标题' } },
    stage: { type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: [] },
    amount: { type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } },
    closes_on: { type: 'date', label: { en: 'Close date', 'zh-CN': '成交日期' } },
    notes: { type: 'long_text', label: { en: 'Notes', 'zh-CN': '备注' } },
  },
} as unknown as EntityDocument;

const design: ReportDesign = {
  ...newReportDesign('deals_by_month', 'deal'),
  label: { en: 'Deals by month', 'zh-CN': '每月商机' },
  groups: [{ field: 'closes_on', granularity: 'month' }, { field: 'stage' }],
  measures: [{ aggregate: 'count', field: '' }, { aggregate: 'sum', field: 'amount' }],
  filter: { '!=': [{ var: 'stage' }, 'lost'] },
  stacked: true,
  hierarchies: ['time'],
};

describe('the report designer', () => {
  it('builds the report document from its choices: groups, measures with labels in both languages, filter, chart and hierarchies', () => {
    expect(toReportDocument(design, deal)).toEqual({
      kind: 'report',
      name: 'deals_by_month',
      label: { en: 'Deals by month', 'zh-CN': '每月商机' },
      entity: 'deal',
      groupBy: [{ field: 'closes_on', granularity: 'month' }, 'stage'],
      dimensions: [{ name: 'time', label: { en: 'Time', 'zh-CN': '时间' }, type: 'time', field: 'closes_on' }],
      measures: [
        { aggregate: 'count', label: { en: 'Records', 'zh-CN': '记录数' } },
        { aggregate: 'sum', field: 'amount', label: { en: 'Total Amount', 'zh-CN': '金额合计' } },
      ],
      filter: { '!=': [{ var: 'stage' }, 'lost'] },
      chart: { type: 'bar', stacked: true, x: 'closes_on_month', y: ['count', 'sum_amount'] },
    });
  });

  it('reads a stored report back, keeping what it does not edit (id, description, a sort still valid)', () => {
    const stored = { ...toReportDocument(design, deal), id: 'r1', description: { en: 'D', 'zh-CN': '说明' }, sort: [{ field: 'sum_amount', direction: 'desc' as const }, { field: 'gone', direction: 'asc' as const }] };
    const { design: back, kept } = fromReportDocument(stored);
    // Read back, each measure keeps its wording (a stored report's own labels survive a save).
    expect(back).toEqual({ ...design, measures: design.measures.map((m) => ({ ...m, label: measureLabel(m, deal) })) });
    const again = toReportDocument({ ...back, measures: [...back.measures] }, deal, kept);
    expect(again).toMatchObject({ id: 'r1', description: { en: 'D', 'zh-CN': '说明' }, sort: [{ field: 'sum_amount', direction: 'desc' }] });
  });

  it('sums a roll-up and a formula of numbers: a monthly revenue chart of orders by their total', () => {
    const order = {
      kind: 'entity',
      name: 'order',
      label: { en: 'Order', 'zh-CN': '订单' },
      fields: {
        ordered_on: { type: 'date', label: { en: 'Order date', 'zh-CN': '下单日期' } },
        total: { type: 'rollup', label: { en: 'Total', 'zh-CN': '订单金额' }, relation: 'order_line.order', aggregate: 'sum', field: 'amount' },
        net: { type: 'formula', label: { en: 'Net', 'zh-CN': '净额' }, resultType: 'decimal', expr: { '*': [{ var: 'total' }, 0.87] } },
        band: { type: 'formula', label: { en: 'Band', 'zh-CN': '档位' }, resultType: 'text', expr: { if: [{ '>': [{ var: 'total' }, 1000] }, 'big', 'small'] } },
      },
    } as unknown as EntityDocument;
    expect(measureFields(order, 'sum')).toEqual(['total', 'net']);
    const revenue: ReportDesign = {
      ...newReportDesign('revenue_by_month', 'order'),
      label: { en: 'Revenue by month', 'zh-CN': '月度营收' },
      groups: [{ field: 'ordered_on', granularity: 'month' }, { field: 'band' }],
      measures: [{ aggregate: 'sum', field: 'total' }],
      chart: 'line',
    };
    expect(designProblems(revenue, order)).toEqual([]);
    expect(toReportDocument(revenue, order)).toMatchObject({
      measures: [{ aggregate: 'sum', field: 'total', label: { en: 'Total Total', 'zh-CN': '订单金额合计' } }],
      chart: { type: 'line', x: 'ordered_on_month', y: ['sum_total'] },
    });
    expect(designProblems({ ...revenue, groups: [{ field: 'total' }] }, order)).toEqual([{ field: 'groups.0', key: 'groupField', params: { n: 1 } }]);
  });

  it('offers numbers to sum and numbers or dates to min and max', () => {
    expect(measureFields(deal, 'sum')).toEqual(['amount']);
    expect(measureFields(deal, 'max')).toEqual(['amount', 'closes_on', 'created_at', 'updated_at']);
    expect(measureFields(deal, 'count')).not.toContain('notes');
  });

  it('names every problem before anything is saved', () => {
    expect(designProblems(design, deal)).toEqual([]);
    const bad: ReportDesign = {
      ...design,
      name: 'Bad name',
      label: { en: '', 'zh-CN': '' },
      groups: [{ field: 'title', granularity: 'month' }, { field: 'title', granularity: 'month' }, { field: 'notes' }],
      measures: [{ aggregate: 'sum', field: '' }, { aggregate: 'avg', field: 'title' }],
      chart: 'pie',
    };
    expect(designProblems(bad, deal).map((p) => `${p.field}:${p.key}`)).toEqual([
      'name:name',
      'label.en:labelEn',
      'label.zh-CN:labelZh',
      'groups:tooManyGroups',
      'groups.0:granularity',
      'groups.1:granularity',
      'groups.2:groupField',
      'groups:sameGroup',
      'measures.0:measureField',
      'measures.1:measureType',
      'chart:chartOneGroup',
    ]);
    expect(designProblems({ ...design, groups: [], chart: 'line' }, deal).map((p) => p.key)).toEqual(['chartNeedsGroup']);
    expect(designProblems({ ...design, measures: [{ aggregate: 'max', field: 'closes_on' }] }, deal).map((p) => p.key)).toEqual(['dateMeasureChart']);
    expect(designProblems({ ...design, entity: 'nothing' }, undefined).map((p) => p.key)).toEqual(['entity']);
  });

  it('groups and measures through references, labelled by the path, up to two references away', () => {
    const customer = { kind: 'entity', name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, fields: { region: { type: 'enum', label: { en: 'Region', 'zh-CN': '地区' }, options: [] }, profile: { type: 'long_text', label: { en: 'Profile', 'zh-CN': '简介' } } } } as unknown as EntityDocument;
    const order = { kind: 'entity', name: 'order', label: { en: 'Order', 'zh-CN': '订单' }, fields: { customer: { type: 'reference', entity: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } }, total: { type: 'currency', label: { en: 'Total', 'zh-CN': '总额' } } } } as unknown as EntityDocument;
    const line = { kind: 'entity', name: 'line', label: { en: 'Line', 'zh-CN': '明细' }, fields: { order: { type: 'reference', entity: 'order', label: { en: 'Order', 'zh-CN': '订单' } }, amount: { type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } } } } as unknown as EntityDocument;
    const entities = { customer, order, line };
    const byRegion: ReportDesign = { ...newReportDesign('by_region', 'line'), label: { en: 'By region', 'zh-CN': '按地区' }, groups: [{ field: 'order.customer.region' }], measures: [{ aggregate: 'sum', field: 'order.total' }] };
    expect(designProblems(byRegion, line, entities)).toEqual([]);
    // Without the other entities the path is not a field of the line.
    expect(designProblems(byRegion, line).map((p) => p.key)).toEqual(['groupField', 'measureType']);
    expect(toReportDocument(byRegion, line, {}, entities).measures).toEqual([{ aggregate: 'sum', field: 'order.total', label: { en: 'Total Order › Total', 'zh-CN': '订单 › 总额合计' } }]);
    // Long texts are never groups, and no path goes three references away.
    expect(measureFields(line, 'count', entities)).toEqual(expect.arrayContaining(['order', 'order.customer', 'order.customer.region', 'owner_id']));
    expect(measureFields(line, 'count', entities)).not.toContain('order.customer.profile');
  });

  it('keeps the hierarchies a document wrote (labels, fields through references, level hierarchies) and reads a report with no chart as a table', () => {
    const analysis = {
      kind: 'report',
      name: 'analysis',
      label: { en: 'Analysis', 'zh-CN': '分析' },
      entity: 'deal',
      dimensions: [
        { name: 'time', label: { en: 'Close date', 'zh-CN': '成交日期' }, type: 'time', field: 'closes_on' },
        { name: 'stage', label: { en: 'Stage', 'zh-CN': '阶段' }, type: 'levels', levels: [{ name: 'stage', field: 'stage' }] },
      ],
      measures: [{ aggregate: 'sum', field: 'amount', label: { en: 'Total Amount', 'zh-CN': '金额合计' } }],
    } as unknown as Parameters<typeof fromReportDocument>[0];
    const { design: read, kept } = fromReportDocument(analysis);
    expect(read.chart).toBe('table');
    expect(read.hierarchies).toEqual(['time']);
    expect(designProblems(read, deal)).toEqual([]);
    expect(toReportDocument(read, deal, kept).dimensions).toEqual(analysis.dimensions);
    // Unticking time drops only the time hierarchy; the level hierarchy stays.
    expect(toReportDocument({ ...read, hierarchies: [] }, deal, kept).dimensions).toEqual([analysis.dimensions![1]]);
  });

  it('draws the numbers and leaves an earliest or latest date to the table under the chart', () => {
    const both: ReportDesign = { ...design, measures: [{ aggregate: 'count', field: '' }, { aggregate: 'max', field: 'closes_on' }] };
    expect(designProblems(both, deal)).toEqual([]);
    expect(toReportDocument(both, deal).chart).toMatchObject({ type: 'bar', y: ['count'] });
  });
});

describe('the dashboard designer', () => {
  const three = addWidget(addWidget(addWidget([], 'a'), 'b'), 'a');

  it('adds widgets with ids of their own, moves them in reading order and resizes them within the grid', () => {
    expect(three.map((w) => w.id)).toEqual(['a', 'b', 'a_2']);
    expect(moveWidget(three, 'a', 'a_2').map((w) => w.id)).toEqual(['b', 'a_2', 'a']);
    expect(moveWidget(three, 'a_2', 'a').map((w) => w.id)).toEqual(['a_2', 'a', 'b']);
    expect(moveWidget(three, 'a', null).map((w) => w.id)).toEqual(['b', 'a_2', 'a']);
    expect(resizeWidget(three, 'b', 20, 0).find((w) => w.id === 'b')).toMatchObject({ width: 12, height: 1 });
    expect(cellsMoved(170, -130, 80, 60)).toEqual({ columns: 2, rows: -2 });
  });

  it('needs a name, both labels and reports that exist', () => {
    expect(dashboardProblems({ name: 'ok', label: { en: 'OK', 'zh-CN': '好' }, widgets: three }, new Set(['a', 'b']))).toEqual([]);
    expect(dashboardProblems({ name: '', label: { en: 'OK', 'zh-CN': '' }, widgets: three }, new Set(['a'])).map((p) => `${p.field}:${p.key}`)).toEqual(['name:name', 'label.zh-CN:labelZh', 'widgets.1:unknownReport']);
  });
});
