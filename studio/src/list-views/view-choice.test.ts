import { describe, expect, it } from 'vitest';
import type { ViewDocument } from '../api/types.js';
import { entityViews, pickView } from './view-choice.js';

const v = (name: string, extra: Partial<ViewDocument> = {}): ViewDocument => ({ kind: 'view', name, label: { en: name, 'zh-CN': name }, entity: 'deal', columns: ['title'], ...extra });

describe('entity views', () => {
  const views = {
    board: v('board', { type: 'kanban', kanban: { field: 'stage' } }),
    open: v('open'),
    all: v('all', { default: true }),
    cal: v('cal', { type: 'calendar', calendar: { dateField: 'close_on' } }),
    broken: v('broken', { type: 'kanban' }),
    other: v('other', { entity: 'account' }),
  };

  it('lists the list views first (the default leading), then boards and calendars, and leaves out other entities and boards without a field', () => {
    expect(entityViews(views, 'deal').map((x) => x.name)).toEqual(['all', 'open', 'board', 'cal']);
  });

  it('picks the view named in the address, else the default list view', () => {
    const list = entityViews(views, 'deal');
    expect(pickView(list, 'board')?.name).toBe('board');
    expect(pickView(list, 'nope')?.name).toBe('all');
    expect(pickView(list, undefined)?.name).toBe('all');
    expect(pickView([], 'x')).toBeUndefined();
  });
});
