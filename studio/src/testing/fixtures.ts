import type { DictionaryDocument, EntityDocument, FormDocument, LifecycleDocument, Meta } from '../api/types.js';

/** An entity with one field of every type the form generator knows. */
export const deal: EntityDocument = {
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '商机' },
  titleField: 'title',
  fields: {
    title: { type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, required: true, maxLength: 20, pattern: '^[A-Z]' },
    notes: { type: 'long_text', label: { en: 'Notes', 'zh-CN': '备注' } },
    seats: { type: 'integer', label: { en: 'Seats', 'zh-CN': '席位' }, min: 1, max: 10 },
    weight: { type: 'decimal', label: { en: 'Weight', 'zh-CN': '权重' }, scale: 2 },
    amount: { type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' }, min: 0 },
    discount: { type: 'percent', label: { en: 'Discount', 'zh-CN': '折扣' } },
    won: { type: 'boolean', label: { en: 'Won', 'zh-CN': '赢单' } },
    close_on: { type: 'date', label: { en: 'Close date', 'zh-CN': '预计成交日' }, min: '2020-01-01' },
    called_at: { type: 'datetime', label: { en: 'Called at', 'zh-CN': '来电时间' } },
    email: { type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
    phone: { type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' } },
    site: { type: 'url', label: { en: 'Website', 'zh-CN': '网址' } },
    stage: { type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, dictionary: 'deal_stage' },
    source: { type: 'enum', label: { en: 'Source', 'zh-CN': '来源' }, options: [{ value: 'web', label: { en: 'Web', 'zh-CN': '网站' } }, { value: 'fair', label: { en: 'Fair', 'zh-CN': '展会' } }] },
    tags: { type: 'multi_enum', label: { en: 'Tags', 'zh-CN': '标签' }, options: [{ value: 'hot' }, { value: 'vip' }] },
    account: { type: 'reference', label: { en: 'Account', 'zh-CN': '客户' }, entity: 'account' },
    owner: { type: 'user', label: { en: 'Owner', 'zh-CN': '负责人' } },
    extra: { type: 'json', label: { en: 'Extra', 'zh-CN': '扩展' } },
    total: { type: 'formula', label: { en: 'Total', 'zh-CN': '合计' }, resultType: 'decimal', expr: { '*': [{ var: 'amount' }, 2] } },
    lines: { type: 'rollup', label: { en: 'Lines', 'zh-CN': '明细数' }, relation: 'deal_line.deal', aggregate: 'count' },
    number: { type: 'auto_number', label: { en: 'Number', 'zh-CN': '编号' }, prefix: 'D' },
    files: { type: 'attachment', label: { en: 'Files', 'zh-CN': '附件' } },
    lost_reason: { type: 'long_text', label: { en: 'Lost reason', 'zh-CN': '丢单原因' } },
  },
  rules: [
    {
      name: 'lost_needs_reason',
      rule: { or: [{ '!=': [{ var: 'stage' }, 'lost'] }, { '!!': { var: 'lost_reason' } }] },
      message: { en: 'A lost deal needs a reason.', 'zh-CN': '丢单必须填写原因。' },
      fields: ['lost_reason'],
    },
  ],
};

export const account: EntityDocument = {
  kind: 'entity',
  name: 'account',
  label: { en: 'Account', 'zh-CN': '客户' },
  titleField: 'name',
  fields: { name: { type: 'text', label: { en: 'Name', 'zh-CN': '名称' } } },
};

export const dealStage: DictionaryDocument = {
  kind: 'dictionary',
  name: 'deal_stage',
  items: [
    { value: 'new', label: { en: 'New', 'zh-CN': '新建' }, order: 1 },
    { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' }, order: 2 },
    { value: 'lost', label: { en: 'Lost', 'zh-CN': '丢单' }, order: 3 },
    { value: 'old', label: { en: 'Old', 'zh-CN': '旧' }, order: 4, active: false },
  ],
};

/** A layout in sections and columns, placing some fields and hiding one section by a rule. */
export const dealForm: FormDocument = {
  kind: 'form',
  name: 'deal',
  entity: 'deal',
  sections: [
    { name: 'main', label: { en: 'Main', 'zh-CN': '主要信息' }, columns: 2, fields: ['number', 'title', { field: 'notes', span: 3 }, 'stage', 'amount'] },
    { name: 'lost', label: { en: 'Lost', 'zh-CN': '丢单' }, fields: ['lost_reason'], visibleWhen: { '==': [{ var: 'stage' }, 'lost'] } },
    { name: 'lines', label: { en: 'Lines', 'zh-CN': '明细' }, relatedList: { entity: 'deal_line', field: 'deal' } },
  ],
};

export const meta: Meta = {
  tenant: { slug: 'acme', name: 'Acme' },
  user: { id: '00000000-0000-7000-8000-000000000001', name: 'Ada', email: 'ada@acme.test', isAdmin: true, roles: [], team: null },
  entities: { deal, account },
  dictionaries: { deal_stage: dealStage },
  forms: { deal: dealForm },
  views: {},
  lifecycles: {},
};

/** A lifecycle over the deal's stage: new → won or lost, a guarded reopen. */
export const dealLifecycle: LifecycleDocument = {
  kind: 'lifecycle',
  name: 'deal_stage',
  entity: 'deal',
  field: 'stage',
  initial: 'new',
  transitions: [
    { name: 'win', label: { en: 'Win', 'zh-CN': '赢单' }, from: ['new'], to: 'won' },
    { name: 'lose', label: { en: 'Lose', 'zh-CN': '丢单' }, from: ['new'], to: 'lost', roles: ['director'] },
    { name: 'reopen', label: { en: 'Reopen', 'zh-CN': '重新打开' }, from: ['won', 'lost'], to: 'new' },
  ],
};
