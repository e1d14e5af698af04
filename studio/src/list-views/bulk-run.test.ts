import { describe, expect, it } from 'vitest';
import { runEach } from './bulk-run.js';
import { definitionOf } from './saved-views-api.js';

describe('bulk runs', () => {
  it('runs every item, keeps failures apart and reports progress', async () => {
    const seen: string[] = [];
    const r = await runEach([1, 2, 3], async (n) => {
      if (n === 2) throw new Error('no');
    }, (f, t) => seen.push(`${f}/${t}`));
    expect(r.done).toEqual([1, 3]);
    expect(r.failed.map((x) => x.item)).toEqual([2]);
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('a saved view definition', () => {
  it('keeps only what is set', () => {
    expect(definitionOf({ q: '  ', sort: undefined, columns: [] })).toEqual({});
    expect(definitionOf({ filter: { '==': [{ var: 'a' }, 1] }, sort: '-a', columns: ['a'], q: ' x ' })).toEqual({ filter: { '==': [{ var: 'a' }, 1] }, sort: '-a', columns: ['a'], q: 'x' });
  });
});
