import { describe, expect, it } from 'vitest';
import { changeMessage, describeChanges } from './describe-changes.js';
import { diffLayers } from './diff-documents.js';

const field = (label: string) => ({ type: 'text', label: { en: label, 'zh-CN': label } });

describe('describeChanges', () => {
  it('names the field added to an entity of a plugin, not the entity', () => {
    const changes = diffLayers([], [{ kind: 'entity', name: 'person', fields: { nickname: field('Nickname') } } as never]);
    expect(describeChanges(changes)).toEqual([{ action: 'added', kind: 'entity', name: 'person', field: 'nickname' }]);
  });

  it('names fields added, changed and removed on an existing overlay', () => {
    const before = [{ kind: 'entity', name: 'person', fields: { a: field('A'), b: field('B') } }];
    const after = [{ kind: 'entity', name: 'person', fields: { a: field('A2'), c: field('C') } }];
    expect(describeChanges(diffLayers(before as never, after as never))).toEqual([
      { action: 'changed', kind: 'entity', name: 'person', field: 'a' },
      { action: 'removed', kind: 'entity', name: 'person', field: 'b' },
      { action: 'added', kind: 'entity', name: 'person', field: 'c' },
    ]);
  });

  it('names whole documents: a new entity of its own, a changed view, a removed form', () => {
    const before = [
      { kind: 'view', name: 'all', entity: 'x', columns: ['a'] },
      { kind: 'form', name: 'x', entity: 'x', sections: [] },
    ];
    const after = [
      { kind: 'entity', name: 'project', label: { en: 'Project', 'zh-CN': '项目' }, fields: { title: field('Title') } },
      { kind: 'view', name: 'all', entity: 'x', columns: ['a', 'b'] },
    ];
    expect(describeChanges(diffLayers(before as never, after as never))).toEqual([
      { action: 'added', kind: 'entity', name: 'project' },
      { action: 'removed', kind: 'form', name: 'x' },
      { action: 'changed', kind: 'view', name: 'all' },
    ]);
  });

  it('says once that a document changed, however many of its paths did', () => {
    const before = [{ kind: 'view', name: 'all', entity: 'x', columns: ['a'], label: { en: 'A', 'zh-CN': 'A' } }];
    const after = [{ kind: 'view', name: 'all', entity: 'x', columns: ['b'], label: { en: 'B', 'zh-CN': 'B' } }];
    expect(describeChanges(diffLayers(before as never, after as never))).toEqual([{ action: 'changed', kind: 'view', name: 'all' }]);
  });

  it('words a default version message from the lines, at most three of them', () => {
    const items = [
      { action: 'added' as const, kind: 'entity', name: 'person', field: 'nickname' },
      { action: 'removed' as const, kind: 'entity', name: 'person', field: 'fax' },
      { action: 'changed' as const, kind: 'view', name: 'all' },
      { action: 'removed' as const, kind: 'form', name: 'x' },
    ];
    expect(changeMessage(items.slice(0, 1))).toBe('Added field nickname to person');
    expect(changeMessage(items)).toBe('Added field nickname to person; Removed field fax from person; Changed view all; 1 more');
  });
});
