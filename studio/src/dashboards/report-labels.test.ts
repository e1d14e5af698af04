import { describe, expect, it } from 'vitest';
import type { EntityDocument, ReportDocument } from '../api/types.js';
import { fieldAt } from './group-field.js';
import { measureKey, reportInfo, reportLabels } from './report-labels.js';

const entities: Record<string, EntityDocument> = {
  customer: {
    kind: 'entity',
    name: 'customer',
    label: { en: 'Customer', 'zh-CN': '客户' },
    fields: {
      name: { type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
      region: { type: 'enum', label: { en: 'Region', 'zh-CN': '地区' }, options: [{ value: 'east', label: { en: 'East', 'zh-CN': '华东' } }] },
    },
  },
  sales_order: {
    kind: 'entity',
    name: 'sales_order',
    label: { en: 'Order', 'zh-CN': '订单' },
    fields: { customer: { type: 'reference', entity: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } }, order_date: { type: 'date' } },
  },
};

const report: ReportDocument = {
  kind: 'report',
  name: 'sales',
  label: { en: 'Sales', 'zh-CN': '销售' },
  entity: 'sales_order',
  filter: { '==': [{ var: 'status' }, 'paid'] },
  groupBy: ['customer.region', { field: 'order_date', granularity: 'month', label: { en: 'Month', 'zh-CN': '月份' } }],
  measures: [{ name: 'sales', aggregate: 'sum', field: 'total', label: { en: 'Sales', 'zh-CN': '销售额' } }, { aggregate: 'avg', field: 'customer.score' }, { aggregate: 'count' }],
};

const format = (field: { type: string } | undefined, value: unknown) => `${field?.type}:${String(value)}`;

describe('report labels', () => {
  it('finds the field behind a group: a field, a path through a reference, a user column', () => {
    expect(fieldAt(entities, 'sales_order', 'customer.region')?.type).toBe('enum');
    expect(fieldAt(entities, 'sales_order', 'owner_id')).toEqual({ type: 'user' });
    expect(fieldAt(entities, 'sales_order', 'order_date.year')).toBeUndefined();
    expect(fieldAt(entities, 'sales_order', 'nope')).toBeUndefined();
  });

  it('names groups and measures in the language and formats group values by their field', () => {
    const zh = reportLabels(report, 'sales_order', { entities, locale: 'zh-CN', format, none: '（空）' });
    expect(zh.groupTitle({ key: 'customer.region', kind: 'group', field: 'customer.region' })).toBe('地区');
    expect(zh.groupTitle({ key: 'order_date_month', kind: 'group', field: 'order_date', granularity: 'month' })).toBe('月份');
    expect(zh.group({ key: 'customer.region', kind: 'group', field: 'customer.region' }, 'east')).toBe('enum:east');
    expect(zh.group({ key: 'order_date_month', kind: 'group', field: 'order_date', granularity: 'month' }, '2024-07')).toBe('2024-07');
    expect(zh.group({ key: 'customer.region', kind: 'group', field: 'customer.region' }, null)).toBe('（空）');
    expect(zh.measure('sales')).toBe('销售额');
    expect(zh.measure('avg_customer_score')).toBe('Avg customer score');
    expect(zh.number(1234.567)).toBe('1,234.57');
  });

  it('keys measures as the server does and tells their aggregates', () => {
    expect(report.measures.map(measureKey)).toEqual(['sales', 'avg_customer_score', 'count']);
    expect(reportInfo(report)).toEqual({ filter: report.filter, sorted: false, aggregates: { sales: 'sum', avg_customer_score: 'avg', count: 'count' } });
  });
});
