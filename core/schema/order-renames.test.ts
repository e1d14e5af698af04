import { describe, expect, it } from 'vitest';
import { conflict } from '../errors.js';
import { orderRenames } from './order-renames.js';

const blocked = () => conflict('blocked');

describe('orderRenames', () => {
  it('frees a name before another rename takes it', () => {
    const out = orderRenames([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }], ['a', 'b'], blocked);
    expect(out).toEqual([{ from: 'b', to: 'c' }, { from: 'a', to: 'b' }]);
  });

  it('swaps two names through a detour', () => {
    const out = orderRenames([{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }], ['a', 'b'], blocked);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ from: 'a', temporary: true });
    expect(out.at(-1)).toEqual({ from: out[0].to, to: 'b' });
  });

  it('refuses a target held by something staying', () => {
    expect(() => orderRenames([{ from: 'a', to: 'b' }], ['a', 'b'], blocked)).toThrow('blocked');
  });
});
