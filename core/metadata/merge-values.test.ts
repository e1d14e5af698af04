import { describe, expect, it } from 'vitest';
import { mergeValues, originOf, type Origin } from './merge-values.js';

describe('mergeValues', () => {
  it('merges objects key by key and replaces plain values and unnamed arrays', () => {
    const origin: Origin = { '': 'a' };
    const out = mergeValues({ x: 1, o: { p: 1, q: 2 }, list: [1, 2] }, { x: 2, o: { q: 3, r: 4 }, list: [3] }, '', 'b', origin);
    expect(out).toEqual({ x: 2, o: { p: 1, q: 3, r: 4 }, list: [3] });
    expect(origin).toEqual({ '': 'a', '/x': 'b', '/o/q': 'b', '/o/r': 'b', '/list': 'b' });
  });

  it('merges arrays of named items by name, value or id, appending new ones', () => {
    const origin: Origin = {};
    const out = mergeValues([{ value: 'a', n: 1 }, { value: 'b' }], [{ value: 'c' }, { value: 'a', n: 2 }], '/items', 'b', origin);
    expect(out).toEqual([{ value: 'a', n: 2 }, { value: 'b' }, { value: 'c' }]);
    expect(origin).toEqual({ '/items/2': 'b', '/items/0/n': 'b' });
    expect(mergeValues([{ id: 's1', t: 'x' }], [{ id: 's2' }], '', 'f', {})).toEqual([{ id: 's1', t: 'x' }, { id: 's2' }]);
  });

  it('ignores null and equal values (they take nothing over)', () => {
    const origin: Origin = {};
    expect(mergeValues({ a: 1, b: 2 }, { a: null, b: 2 }, '', 'f', origin)).toEqual({ a: 1, b: 2 });
    expect(origin).toEqual({});
  });

  it('originOf finds the deepest recorded writer', () => {
    const origin: Origin = { '': 'sys', '/fields/x': 'tenant' };
    expect(originOf(origin, '/fields/x/entity')).toBe('tenant');
    expect(originOf(origin, '/fields/y/entity')).toBe('sys');
    expect(originOf(undefined, '/a')).toBeUndefined();
  });

  it('unites a role\'s action rights across layers, but replaces other lists of plain values', () => {
    const origin = {};
    const role = mergeValues({ actions: ['customer.assign', 'lead.convert'], columns: ['a', 'b'] }, { actions: ['service_case.assign', 'customer.assign'], columns: ['b'] }, '', 'service', origin);
    expect(role).toEqual({ actions: ['customer.assign', 'lead.convert', 'service_case.assign'], columns: ['b'] });
  });
});

describe('named items in a new order', () => {
  it('takes the order of a layer that names every item below, with new items where it puts them', () => {
    const origin: Record<string, string> = { '': 'plugin', '/sections/1': 'other-plugin' };
    const base = { sections: [{ name: 'a', fields: ['x'] }, { name: 'b', label: 'B' }] };
    const patch = { sections: [{ name: 'new' }, { name: 'b' }, { name: 'a', fields: ['y'] }] };
    expect(mergeValues(base, patch, '', 'tenant', origin)).toEqual({ sections: [{ name: 'new' }, { name: 'b', label: 'B' }, { name: 'a', fields: ['y'] }] });
    expect(originOf(origin, '/sections/1/label')).toBe('other-plugin');
    expect(originOf(origin, '/sections/0')).toBe('tenant');
    expect(originOf(origin, '/sections/2/fields')).toBe('tenant');
  });
});
