import { describe, expect, it } from 'vitest';
import type { EntityDocument, ViewDocument } from '../../../core/metadata/types.js';
import { fromViewDocument, newViewDesign, toViewDocument } from './view-design.js';
import { viewProblems } from './view-problems.js';

const entity = {
  kind: 'entity',
  name: 'customer',
  label: { en: 'Customer', 'zh-CN': '客户' },
  fields: {
    name: { type: 'text' },
    grade: { type: 'enum', options: [{ value: 'a' }] },
    since: { type: 'date' },
    account: { type: 'reference', entity: 'account' },
    score: { type: 'integer' },
  },
} as unknown as EntityDocument;

const view: ViewDocument = {
  kind: 'view',
  name: 'customer_all',
  label: { en: 'All', 'zh-CN': '全部' },
  entity: 'customer',
  default: true,
  columns: ['name', { field: 'grade', width: 120 }, 'account.name'],
  sort: [{ field: 'name' }],
  pageSize: 50,
};

describe('view design', () => {
  it('reads and writes a view document', () => {
    expect(toViewDocument(fromViewDocument(view), 'customer')).toEqual(view);
  });

  it('writes the options of the chosen type only', () => {
    const d = { ...fromViewDocument(view), type: 'kanban' as const, kanbanField: 'grade', cardFields: ['name'], dateField: 'since' };
    const doc = toViewDocument(d, 'customer');
    expect(doc.kanban).toEqual({ field: 'grade', cardFields: ['name'] });
    expect(doc.calendar).toBeUndefined();
  });

  it('starts a new view with the first fields as columns', () => {
    expect(newViewDesign(entity, 'v').columns.map((c) => c.field)).toEqual(['name', 'grade', 'since', 'account', 'score']);
  });
});

describe('viewProblems', () => {
  const ok = fromViewDocument(view);
  const keys = (d: typeof ok, taken: string[] = []) => viewProblems(d, entity, taken).map((p) => `${p.field}:${p.key}`);

  it('accepts a good view', () => {
    expect(keys(ok)).toEqual([]);
  });

  it('checks name, labels, columns, widths, sort and page size', () => {
    const bad = { ...ok, name: 'Bad name', label: { en: ' ', 'zh-CN': '' }, columns: [{ field: 'nope' }, { field: 'name', width: 5 }, { field: 'name' }], sort: { field: 'zzz' }, pageSize: 900 };
    expect(keys(bad)).toEqual(['name:name', 'labelEn:label', 'labelZh:label', 'columns.0:unknownField', 'columns.1.width:width', 'columns:duplicateColumn', 'sort:unknownField', 'pageSize:pageSize']);
    expect(keys({ ...ok, columns: [] })).toEqual(['columns:noColumns']);
    expect(keys({ ...ok, name: 'taken' }, ['taken'])).toEqual(['name:nameTaken']);
  });

  it('needs an enum field for a kanban board and date fields for a calendar', () => {
    expect(keys({ ...ok, type: 'kanban' })).toEqual(['kanbanField:kanbanMissing']);
    expect(keys({ ...ok, type: 'kanban', kanbanField: 'score' })).toEqual(['kanbanField:kanbanEnum']);
    expect(keys({ ...ok, type: 'kanban', kanbanField: 'grade' })).toEqual([]);
    expect(keys({ ...ok, type: 'calendar' })).toEqual(['dateField:dateMissing']);
    expect(keys({ ...ok, type: 'calendar', dateField: 'name', endField: 'score' })).toEqual(['dateField:dateType', 'endField:dateType']);
    expect(keys({ ...ok, type: 'calendar', dateField: 'since' })).toEqual([]);
  });
});
