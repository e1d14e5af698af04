import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from './types.js';
import { diffLayers, diffValues, summarizeDiff } from './diff-documents.js';

describe('diff-documents', () => {
  it('lists changes JSON-Patch style, objects key by key and arrays whole', () => {
    expect(diffValues({ a: 1, b: { c: 1, d: [1] }, e: 1 }, { a: 1, b: { c: 2, d: [1, 2] }, f: 'x' }, '/entity/x')).toEqual([
      { op: 'replace', path: '/entity/x/b/c', value: 2 },
      { op: 'replace', path: '/entity/x/b/d', value: [1, 2] },
      { op: 'remove', path: '/entity/x/e' },
      { op: 'add', path: '/entity/x/f', value: 'x' },
    ]);
    expect(diffValues({ a: 1 }, { a: 1 })).toEqual([]);
    expect(diffValues(undefined, { a: 1 }, '/view/v')).toEqual([{ op: 'add', path: '/view/v', value: { a: 1 } }]);
  });

  it('diffs whole layers by kind and name, and summarizes', () => {
    const a = { kind: 'entity', name: 'a', fields: {} } as MetadataDocument;
    const b = { kind: 'view', name: 'b', columns: [] } as unknown as MetadataDocument;
    const changes = diffLayers([a, b], [{ ...a, label: { en: 'A', 'zh-CN': '甲' } } as MetadataDocument]);
    expect(changes).toEqual([
      { op: 'add', path: '/entity/a/label', value: { en: 'A', 'zh-CN': '甲' } },
      { op: 'remove', path: '/view/b' },
    ]);
    expect(summarizeDiff(changes)).toEqual({ added: 1, removed: 1, replaced: 0, documents: ['entity/a', 'view/b'], items: expect.any(Array) });
  });
});
