import { describe, expect, it } from 'vitest';
import { countByStatus, diffPaths, diffSnapshots, shortValue } from './version-diff.js';

describe('diffPaths', () => {
  it('names changed leaves with old and new values', () => {
    expect(diffPaths({ label: { en: 'A', 'zh-CN': '甲' }, columns: 2 }, { label: { en: 'B', 'zh-CN': '甲' }, columns: 2, collapsed: true })).toEqual([
      { path: ['label', 'en'], op: 'replace', before: 'A', after: 'B' },
      { path: ['collapsed'], op: 'add', after: true },
    ]);
  });

  it('follows named items by name and reports a new order', () => {
    const before = { sections: [{ name: 'a', fields: ['x', 'y'] }, { name: 'b', fields: [] }] };
    const after = { sections: [{ name: 'b', fields: ['y'] }, { name: 'a', fields: ['x'] }, { name: 'c' }] };
    expect(diffPaths(before, after)).toEqual([
      { path: ['sections'], op: 'order', before: ['a', 'b'], after: ['b', 'a', 'c'] },
      { path: ['sections', 'a', 'fields'], op: 'replace', before: ['x', 'y'], after: ['x'] },
      { path: ['sections', 'b', 'fields'], op: 'replace', before: [], after: ['y'] },
      { path: ['sections', 'c'], op: 'add', after: { name: 'c' } },
    ]);
  });

  it('does not report an order change when only items were added or removed', () => {
    expect(diffPaths([{ name: 'a' }, { name: 'b' }], [{ name: 'a' }, { name: 'c' }, { name: 'b' }]).map((c) => c.op)).toEqual(['add']);
  });


  it('lists the named items of a new list one by one', () => {
    expect(diffPaths(undefined, [{ name: 'a' }, { name: 'b' }], ['sections'])).toEqual([
      { path: ['sections', 'a'], op: 'add', after: { name: 'a' } },
      { path: ['sections', 'b'], op: 'add', after: { name: 'b' } },
    ]);
  });
});

describe('diffSnapshots', () => {
  it('lists documents added, changed and removed, skipping unchanged ones', () => {
    const v1 = [
      { kind: 'entity', name: 'customer', fields: { a: { type: 'text' } } },
      { kind: 'role', name: 'sales', label: 'x' },
      { kind: 'view', name: 'old', label: 'x' },
    ];
    const v2 = [
      { kind: 'entity', name: 'customer', fields: { a: { type: 'integer' } } },
      { kind: 'role', name: 'sales', label: 'x' },
      { kind: 'form', name: 'customer', entity: 'customer' },
    ];
    const diffs = diffSnapshots(v1, v2);
    expect(diffs.map((d) => [d.key, d.status])).toEqual([
      ['entity/customer', 'changed'],
      ['form/customer', 'added'],
      ['view/old', 'removed'],
    ]);
    expect(diffs[0].changes).toEqual([{ path: ['fields', 'a', 'type'], op: 'replace', before: 'text', after: 'integer' }]);
    expect(countByStatus(diffs)).toEqual({ added: 1, changed: 1, removed: 1 });
  });
});

describe('shortValue', () => {
  it('shows text as is, other values as JSON, and cuts long ones', () => {
    expect(shortValue('abc')).toBe('abc');
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
    expect(shortValue(undefined)).toBe('—');
    expect(shortValue('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('a field added to an entity', () => {
  it('reads as rows of its own values, not as one JSON value', () => {
    const before = { fields: { title: { type: 'text' } } };
    const after = { fields: { title: { type: 'text' }, nickname: { type: 'text', label: { en: 'Nickname', 'zh-CN': '昵称' } } } };
    expect(diffPaths(before, after)).toEqual([
      { path: ['fields', 'nickname', 'type'], op: 'add', after: 'text' },
      { path: ['fields', 'nickname', 'label', 'en'], op: 'add', after: 'Nickname' },
      { path: ['fields', 'nickname', 'label', 'zh-CN'], op: 'add', after: '昵称' },
    ]);
    expect(diffPaths(after, before).map((c) => [c.path.join('.'), c.op])).toEqual([
      ['fields.nickname.type', 'remove'],
      ['fields.nickname.label.en', 'remove'],
      ['fields.nickname.label.zh-CN', 'remove'],
    ]);
  });
});
