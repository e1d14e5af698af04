import { describe, expect, it } from 'vitest';
import { account, deal } from '../testing/fixtures.js';
import { listColumns, viewSort } from './list-columns.js';

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
});
