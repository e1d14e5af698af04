import { describe, expect, it } from 'vitest';
import { retiredFromSnapshots } from './retired-fields.js';

describe('retired fields from the history', () => {
  it('finds fields the tenant defined before, with their newest definition, leaving out present ones and patches', () => {
    const doc = (fields: Record<string, object>) => [{ kind: 'entity', name: 'project', fields }, { kind: 'entity', name: 'other', fields: { x: { type: 'text' } } }];
    const versions = [
      { version: 2, snapshot: doc({ name: { type: 'text' }, budget: { type: 'decimal', label: { en: 'Budget', 'zh-CN': '预算' } } }) },
      { version: 5, snapshot: doc({ name: { type: 'text' }, budget: { type: 'currency', label: { en: 'Budget', 'zh-CN': '预算' } }, code: { type: 'text' } }) },
      { version: 7, snapshot: doc({ name: { type: 'text' }, title: { label: { en: 'T', 'zh-CN': '题' } } }) },
    ];
    expect(retiredFromSnapshots('project', versions, new Set(['name', 'code']))).toEqual([
      { name: 'budget', field: { type: 'currency', label: { en: 'Budget', 'zh-CN': '预算' } }, version: 5 },
    ]);
  });
});
