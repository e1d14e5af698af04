import { describe, expect, it } from 'vitest';
import { checkRule, collectVars, compilePredicate, evaluateRule, registerOperator, ruleAccepts, RuleError } from './index.js';
import type { ResolvedVar } from './index.js';

const VARS: Record<string, ResolvedVar> = {
  amount: { sql: '??', bindings: ['t.amount'], type: 'number' },
  name: { sql: '??', bindings: ['t.name'], type: 'text' },
};
const scope = { now: new Date('2024-05-01T10:00:00Z'), resolveVar: (path: string): ResolvedVar | undefined => VARS[path] };

describe('evaluate', () => {
  it('follows SQL null semantics', () => {
    expect(ruleAccepts({ '<': [{ var: 'x' }, 5] }, { x: null })).toBe(false);
    expect(ruleAccepts({ '==': [{ var: 'x' }, null] }, {})).toBe(true);
    expect(ruleAccepts({ '!=': [{ var: 'x' }, 5] }, { x: null })).toBe(true);
    expect(evaluateRule({ '/': [1, 0] }, {})).toBeNull();
    expect(evaluateRule({ '+': [1, { var: 'x' }] }, { x: null })).toBeNull();
    expect(evaluateRule({ cat: ['a', null, 'b'] }, {})).toBe('ab');
  });
  it('has text, date and change operators', () => {
    expect(ruleAccepts({ contains: [{ var: 'n' }, 'HUA'] }, { n: '上海hua信' })).toBe(true);
    expect(ruleAccepts({ starts_with: [{ var: 'n' }, 'x'] }, { n: null })).toBe(false);
    expect(evaluateRule({ days_between: ['2024-01-01', '2024-03-01'] }, {})).toBe(60);
    expect(evaluateRule({ date_add: ['2024-02-28', 2] }, {})).toBe('2024-03-01');
    expect(ruleAccepts({ changed: 'status' }, { status: 'b', $old: { status: 'a' } })).toBe(true);
    expect(ruleAccepts({ '<=': [1, { var: 'x' }, 3] }, { x: 3 })).toBe(true);
    expect(ruleAccepts({ in: ['vip', { var: 'tags' }] }, { tags: ['a', 'vip'] })).toBe(true);
    expect(ruleAccepts({ '==': [{ var: '$today' }, '2024-05-01'] }, { $today: '2024-05-01' })).toBe(true);
  });
});

describe('check', () => {
  it('refuses unknown operators, prototype paths, deep and large rules, unknown fields', () => {
    expect(checkRule({ eval: ['x'] })[0].message).toMatch(/unknown operator "eval"/);
    expect(checkRule({ var: '__proto__.x' })[0].message).toMatch(/not an allowed path/);
    expect(checkRule({ var: 'a.constructor' })).toHaveLength(1);
    expect(checkRule({ constructor: [] })).toHaveLength(1);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { '!': [deep] };
    expect(checkRule(deep)[0].message).toMatch(/deeper than 32/);
    expect(checkRule({ and: Array.from({ length: 1200 }, () => true) })[0].message).toMatch(/more than 1000/);
    const problems = checkRule({ and: [{ '==': [{ var: 'nope' }, 1] }, { some: [[], true] }] }, { knownVar: (p) => p === 'amount', sql: true });
    expect(problems).toEqual([
      { pointer: '/and/0/==/0/var', message: 'unknown field "nope"' },
      { pointer: '/and/1/some', message: '"some" cannot be used in a database query' },
    ]);
    expect(checkRule({ '>': [{ var: '$now' }, '2024-01-01'] }, { knownVar: () => false })).toEqual([]);
  });
  it('collects variables', () => {
    expect(collectVars({ and: [{ var: 'a' }, { var: ['b.c', 1] }, { changed: 'd' }, { var: 'a' }] })).toEqual(['a', 'b.c', 'd', '$old.d']);
  });
});

describe('compile', () => {
  it('binds values and quotes identifiers through knex bindings', () => {
    const f = compilePredicate({ and: [{ '>': [{ var: 'amount' }, 10] }, { contains: [{ var: 'name' }, "o'; drop"] }] }, scope);
    expect(f.bindings).toEqual(['t.amount', 10, 't.name', "o'; drop"]);
    expect(f.sql).not.toContain('drop');
  });
  it('names an unknown field and an in-memory-only operator', () => {
    expect(() => compilePredicate({ '==': [{ var: 'zzz' }, 1] }, scope)).toThrow(RuleError);
    try {
      compilePredicate({ or: [{ missing: ['a'] }] }, scope);
    } catch (e) {
      expect((e as RuleError).problems[0]).toEqual({ pointer: '/or/0', message: '"missing" cannot be used in a database query' });
    }
  });
  it('accepts operators registered with both forms', () => {
    registerOperator({ name: 'is_big', evaluate: (a) => Number(a) > 1000, sql: ([a]) => ({ sql: `coalesce(${a.sql} > 1000, false)`, bindings: a.bindings, type: 'boolean' }) });
    expect(ruleAccepts({ is_big: [{ var: 'amount' }] }, { amount: 5000 })).toBe(true);
    expect(compilePredicate({ is_big: [{ var: 'amount' }] }, scope).sql).toContain('> 1000');
    expect(() => registerOperator({ name: '==', evaluate: () => true })).toThrow();
  });
});
