import { describe, expect, it } from 'vitest';
import { deal } from '../testing/fixtures.js';
import { allOf, filterToLogic, logicToFilter, operatorsFor, valueField, type FilterState } from './filter-logic.js';

describe('filter logic', () => {
  it('offers operators by field type', () => {
    expect(operatorsFor(deal.fields.title)[0]).toBe('contains');
    expect(operatorsFor(deal.fields.seats)).toContain('gte');
    expect(operatorsFor(deal.fields.won)).toEqual(['is_true', 'is_false']);
    expect(operatorsFor(deal.fields.stage)).toContain('in');
    expect(operatorsFor(deal.fields.tags)).toEqual(['includes', 'empty', 'not_empty']);
    expect(operatorsFor(deal.fields.total)).toContain('gt');
    expect(operatorsFor(deal.fields.extra)).toEqual([]);
    expect(valueField(deal.fields.stage, 'in').type).toBe('multi_enum');
    expect(valueField(deal.fields.notes, 'contains').type).toBe('text');
  });

  it('writes each operator as json-logic the server compiles, leaving out incomplete rows', () => {
    const state: FilterState = {
      combinator: 'or',
      rows: [
        { field: 'title', op: 'not_contains', value: 'test' },
        { field: 'seats', op: 'gte', value: 3 },
        { field: 'stage', op: 'in', value: ['new', 'won'] },
        { field: 'tags', op: 'includes', value: 'vip' },
        { field: 'won', op: 'is_true' },
        { field: 'close_on', op: 'empty' },
        { field: 'amount', op: 'gt' },
        { field: '', op: 'eq', value: 1 },
      ],
    };
    expect(filterToLogic(state)).toEqual({
      or: [
        { '!': { contains: [{ var: 'title' }, 'test'] } },
        { '>=': [{ var: 'seats' }, 3] },
        { in: [{ var: 'stage' }, ['new', 'won']] },
        { in: ['vip', { var: 'tags' }] },
        { '==': [{ var: 'won' }, true] },
        { '==': [{ var: 'close_on' }, null] },
      ],
    });
    expect(filterToLogic({ combinator: 'and', rows: [{ field: 'title', op: 'eq', value: 'A' }] })).toEqual({ '==': [{ var: 'title' }, 'A'] });
    expect(filterToLogic({ combinator: 'and', rows: [] })).toBeUndefined();
  });

  it('reads back what it writes, and refuses rules it cannot show', () => {
    const state: FilterState = {
      combinator: 'and',
      rows: [
        { field: 'title', op: 'starts_with', value: 'A' },
        { field: 'stage', op: 'not_in', value: ['lost'] },
        { field: 'owner', op: 'not_empty' },
        { field: 'won', op: 'is_false' },
        { field: 'tags', op: 'includes', value: 'hot' },
      ],
    };
    expect(logicToFilter(filterToLogic(state))).toEqual(state);
    expect(logicToFilter({ '==': [{ var: 'title' }, 'A'] })).toEqual({ combinator: 'and', rows: [{ field: 'title', op: 'eq', value: 'A' }] });
    expect(logicToFilter({ and: [{ or: [] }] })).toBeUndefined();
    expect(logicToFilter({ '==': [{ var: 'a' }, { var: 'b' }] })).toBeUndefined();
    expect(allOf(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(allOf({ a: 1 }, { b: 2 })).toEqual({ and: [{ a: 1 }, { b: 2 }] });
  });
});
