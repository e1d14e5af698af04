import { describe, expect, it } from 'vitest';
import { account, deal } from '../testing/fixtures.js';
import { columnMinWidth, listColumns, viewSort } from './list-columns.js';

const entities = { deal, account };

describe('listColumns', () => {
  it('takes the view columns, resolving reference paths to the target field and the reference label', () => {
    const view = { kind: 'view' as const, name: 'v', label: { en: 'V', 'zh-CN': 'V' }, entity: 'deal', columns: ['title', 'account.name', { field: 'amount', label: { en: 'Value', 'zh-CN': '价值' } }, 'nope', 'tags'] };
    const cols = listColumns(entities, deal, view);
    expect(cols.map((c) => c.path)).toEqual(['title', 'account.name', 'amount', 'tags']);
    expect(cols[1]).toMatchObject({ name: 'account', label: { en: 'Account' }, field: { type: 'text' } });
    expect(cols[2].label).toEqual({ en: 'Value', 'zh-CN': '价值' });
    expect(cols[3].sortable).toBe(false);
  });

  it('heads a path through two references with the last reference crossed, so two columns never share a header', () => {
    const line = { kind: 'entity' as const, name: 'line', label: { en: 'Line', 'zh-CN': '行' }, titleField: 'memo', fields: { memo: { type: 'text' as const, label: { en: 'Memo', 'zh-CN': '备注' } }, deal: { type: 'reference' as const, entity: 'deal', label: { en: 'Deal', 'zh-CN': '商机' } } } };
    const view = { kind: 'view' as const, name: 'v', label: { en: 'V', 'zh-CN': 'V' }, entity: 'line', columns: ['deal.title', 'deal.account.name', 'deal.nope.name'] };
    const cols = listColumns({ ...entities, line }, line, view);
    expect(cols.map((c) => [c.path, c.label?.en, c.field?.type])).toEqual([['deal.title', 'Deal', 'text'], ['deal.account.name', 'Account', 'text']]);
  });

  it('shows system columns as labelled fields: the owner by name, instants as dates', () => {
    const view = { kind: 'view' as const, name: 'v', label: { en: 'V', 'zh-CN': 'V' }, entity: 'deal', columns: ['title', 'owner_id', 'created_at'] };
    const cols = listColumns(entities, deal, view);
    expect(cols.map((c) => [c.path, c.label?.en, c.label?.['zh-CN'], c.field?.type])).toEqual([
      ['title', 'Title', expect.any(String), 'text'],
      ['owner_id', 'Owner', '负责人', 'user'],
      ['created_at', 'Created at', '创建时间', 'datetime'],
    ]);
  });

  it('without a view shows the title and the next short fields, a reference by its title', () => {
    const cols = listColumns(entities, deal);
    expect(cols[0].path).toBe('title');
    expect(cols.map((c) => c.path)).not.toContain('notes');
    expect(cols).toHaveLength(6);
  });

  it('turns a view sort into the API sort parameter', () => {
    expect(viewSort({ kind: 'view', name: 'v', label: { en: '', 'zh-CN': '' }, entity: 'deal', columns: [], sort: [{ field: 'close_on', direction: 'desc' }, { field: 'title' }] })).toBe('-close_on,title');
    expect(viewSort(undefined)).toBeUndefined();
  });

  it('gives the title column the most room and short values (dates, amounts, states) the least', () => {
    const cols = listColumns(entities, deal);
    const widths = new Map(cols.map((c, i) => [c.field?.type ?? c.name, columnMinWidth(c, i === 0)]));
    const title = columnMinWidth(cols[0], true);
    for (const [type, width] of widths) if (type !== cols[0].field?.type) expect(width, type).toBeLessThan(title);
    expect(columnMinWidth({ path: 'close_on', name: 'close_on', field: { type: 'date' } as never, sortable: true }, false))
      .toBeLessThan(columnMinWidth({ path: 'account.name', name: 'account', field: { type: 'text' } as never, sortable: true }, false));
  });
});
