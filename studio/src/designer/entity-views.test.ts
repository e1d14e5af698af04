import { describe, expect, it } from 'vitest';
import type { ViewDocument } from '../../../core/metadata/types.js';
import { entityViews } from './entity-views.js';

const view = (name: string, entity: string, extra: Partial<ViewDocument> = {}): ViewDocument => ({ kind: 'view', name, entity, label: { en: name, 'zh-CN': name }, columns: ['name'], ...extra });

describe('entityViews', () => {
  it('lays drafts over the published views of the entity, adds new drafts, default first', () => {
    const published = { a_all: view('a_all', 'a'), a_board: view('a_board', 'a', { default: true }), b_all: view('b_all', 'b') };
    const drafts = [view('a_all', 'a', { columns: ['name', 'phone'] }), view('a_new', 'a'), view('b_new', 'b')];
    const out = entityViews('a', published, drafts);
    expect(out.map((v) => [v.name, v.draft])).toEqual([
      ['a_board', false],
      ['a_all', true],
      ['a_new', true],
    ]);
    expect(out[1].columns).toEqual(['name', 'phone']);
  });
});
