import type { MetadataDocument } from './types.js';

/** Test support: a small, valid set of documents of every kind (a customer with orders). */
export const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const sampleDocuments = (): MetadataDocument[] => [
  {
    kind: 'dictionary',
    name: 'grade',
    label: label('Grade', '等级'),
    items: [
      { value: 'a', label: label('A', '甲') },
      { value: 'b', label: label('B', '乙') },
    ],
  },
  {
    kind: 'entity',
    name: 'account',
    label: label('Customer', '客户'),
    titleField: 'name',
    searchFields: ['name'],
    fields: {
      name: { type: 'text', required: true, maxLength: 200 },
      grade: { type: 'enum', dictionary: 'grade' },
      region: { type: 'text' },
      total: { type: 'rollup', relation: 'sales_order.account', aggregate: 'sum', field: 'amount' },
      orders: { type: 'rollup', relation: 'sales_order.account', aggregate: 'count' },
      tags: { type: 'many_to_many', entity: 'tag', through: 'account_tag', sourceField: 'account', targetField: 'tag' },
    },
    rules: [{ name: 'name_given', rule: { '!!': [{ var: 'name' }] }, message: label('Name is required', '名称必填'), fields: ['name'] }],
  },
  { kind: 'entity', name: 'tag', label: label('Tag', '标签'), fields: { name: { type: 'text' } } },
  {
    kind: 'entity',
    name: 'account_tag',
    label: label('Customer tag', '客户标签'),
    fields: { account: { type: 'reference', entity: 'account' }, tag: { type: 'reference', entity: 'tag' } },
  },
  {
    kind: 'entity',
    name: 'sales_order',
    label: label('Order', '订单'),
    fields: {
      account: { type: 'reference', entity: 'account', onDelete: 'restrict' },
      amount: { type: 'currency', currency: 'CNY' },
      status: { type: 'enum', options: [{ value: 'new' }, { value: 'paid' }, { value: 'cancelled' }] },
      due: { type: 'date' },
      net: { type: 'formula', resultType: 'decimal', expr: { '*': [{ var: 'amount' }, 0.9] } },
    },
    rules: [{ name: 'vip_limit', rule: { '<': [{ var: 'amount' }, 1000000] }, message: label('Too large', '金额过大') }],
  },
  {
    kind: 'form',
    name: 'account_main',
    entity: 'account',
    sections: [
      { name: 'basics', label: label('Basics', '基本信息'), columns: 2, fields: ['name', { field: 'grade', visibleWhen: { '!!': [{ var: 'name' }] } }] },
      { name: 'orders', relatedList: { entity: 'sales_order', field: 'account', columns: ['amount', 'status'] } },
    ],
  },
  {
    kind: 'view',
    name: 'big_orders',
    label: label('Big orders', '大订单'),
    entity: 'sales_order',
    columns: ['account.name', 'amount', { field: 'status', width: 120 }],
    filter: { '>': [{ var: 'amount' }, 1000] },
    sort: [{ field: 'amount', direction: 'desc' }],
    type: 'kanban',
    kanban: { field: 'status' },
  },
  {
    kind: 'role',
    name: 'sales_rep',
    label: label('Sales rep', '销售代表'),
    entities: {
      account: { create: true, read: 'all', update: 'own', delete: 'none', fields: { region: 'read' } },
      sales_order: { read: { '==': [{ var: 'account.region' }, 'east'] } },
    },
    actions: ['sales_order.approve'],
  },
  {
    kind: 'lifecycle',
    name: 'order_flow',
    entity: 'sales_order',
    field: 'status',
    initial: 'new',
    transitions: [
      { name: 'pay', from: ['new'], to: 'paid', roles: ['sales_rep'], guard: { '>': [{ var: 'amount' }, 0] } },
      { name: 'cancel', from: ['new', 'paid'], to: 'cancelled' },
    ],
  },
  {
    kind: 'workflow',
    name: 'welcome',
    entity: 'account',
    trigger: { on: 'create', condition: { '==': [{ var: 'grade' }, 'a'] } },
    steps: [
      { id: 's1', type: 'set', fields: { region: 'east' }, next: 's2' },
      { id: 's2', type: 'notify', to: 'owner' },
    ],
  },
  {
    kind: 'report',
    name: 'sales_by_region',
    label: label('Sales by region', '各区域销售'),
    entity: 'sales_order',
    groupBy: ['account.region', { field: 'due', granularity: 'month' }],
    measures: [{ name: 'total', aggregate: 'sum', field: 'amount' }, { name: 'n', aggregate: 'count' }],
    sort: [{ field: 'total', direction: 'desc' }],
    chart: { type: 'bar' },
  },
  {
    kind: 'dashboard',
    name: 'sales',
    label: label('Sales', '销售'),
    widgets: [{ id: 'w1', report: 'sales_by_region', width: 6 }],
  },
];

/** Test support: the sample set with one document replaced (or added) by `doc`. */
export const withDocument = (doc: MetadataDocument): MetadataDocument[] => [
  ...sampleDocuments().filter((d) => !(d.kind === doc.kind && d.name === doc.name)),
  doc,
];

/** Test support: a sample document by kind and name (a fresh copy). */
export const sample = (kind: string, name: string): MetadataDocument => {
  const doc = sampleDocuments().find((d) => d.kind === kind && d.name === name);
  if (!doc) throw new Error(`no sample ${kind}/${name}`);
  return doc;
};
