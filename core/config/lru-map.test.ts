import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('keeps at most its bound, dropping the least recently used', () => {
    const m = new LruMap<string, number>(() => 2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect([m.get('a'), m.get('b'), m.get('c'), m.size]).toEqual([1, undefined, 3, 2]);
  });

  it('follows a bound that changes, and deletes only the entry it was given', () => {
    let bound = 3;
    const m = new LruMap<string, { n: number }>(() => bound);
    const first = { n: 1 };
    m.set('a', first).set('b', { n: 2 }).set('c', { n: 3 });
    bound = 1;
    m.set('d', { n: 4 });
    expect(m.size).toBe(1);
    m.set('a', { n: 5 });
    expect(m.delete('a', first)).toBe(false);
    expect(m.get('a')).toEqual({ n: 5 });
  });
});
