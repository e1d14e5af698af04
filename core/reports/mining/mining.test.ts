import { describe, expect, it } from 'vitest';
import { associationRules, groupRuns, rfmScores, sequencePatterns } from './index.js';

const BASKETS = [
  ['bread', 'milk'],
  ['bread', 'diaper', 'beer', 'eggs'],
  ['milk', 'diaper', 'beer', 'cola'],
  ['bread', 'milk', 'diaper', 'beer'],
  ['bread', 'milk', 'diaper', 'cola'],
];

async function* stream<T>(xs: T[]): AsyncGenerator<T> {
  yield* xs;
}

describe('mining primitives', () => {
  it('finds association rules with hand-computed support, confidence and lift', async () => {
    const result = await associationRules(stream(BASKETS), { minSupport: 0.6, minConfidence: 0.7 });
    expect(result).toMatchObject({ transactions: 5, frequentItems: 4, itemsets: 8 });
    const rule = (a: string, c: string) => result.rules.find((r) => r.antecedent.join() === a && r.consequent.join() === c);
    expect(rule('beer', 'diaper')).toEqual({ antecedent: ['beer'], consequent: ['diaper'], support: 0.6, confidence: 1, lift: 1.25, count: 3 });
    expect(rule('diaper', 'beer')).toMatchObject({ support: 0.6, confidence: 0.75, lift: 1.25 });
    expect(rule('bread', 'milk')).toMatchObject({ confidence: 0.75, lift: 0.9375 });
    expect(rule('eggs', 'bread')).toBeUndefined();
    expect(result.rules.every((r) => r.confidence >= 0.7)).toBe(true);
    expect(result.rules[0].lift).toBe(1.25);
    const lower = await associationRules(BASKETS, { minSupport: 0.2, minConfidence: 1 });
    expect(lower.rules.find((r) => r.antecedent.join() === 'eggs' && r.consequent.join() === 'beer')).toMatchObject({ support: 0.2, confidence: 1, lift: 5 / 3 });
  });

  it('groups a sorted stream into runs and finds sequence patterns with their support', async () => {
    const lines = [{ o: 'x', p: 'a' }, { o: 'x', p: 'b' }, { o: 'y', p: 'c' }, { o: null, p: 'd' }, { o: 'z', p: 'a' }];
    const runs: { key: string; values: string[] }[] = [];
    for await (const run of groupRuns(lines, (l) => l.o, (l) => l.p)) runs.push(run);
    expect(runs).toEqual([{ key: 'x', values: ['a', 'b'] }, { key: 'y', values: ['c'] }, { key: 'z', values: ['a'] }]);

    const histories = [[['a'], ['b'], ['c']], [['a'], ['c'], ['b'], ['c']], [['a', 'b'], ['c']], [['b'], ['a']]];
    const { subjects, patterns } = await sequencePatterns(stream(histories), { minSupport: 0.5 });
    expect(subjects).toBe(4);
    const of = (steps: string) => patterns.find((p) => p.steps.join('>') === steps)?.count;
    expect([of('a>b>c'), of('a>b'), of('a>c'), of('b>c'), of('b>a'), of('c>b')]).toEqual([2, 2, 3, 3, undefined, undefined]);
    expect(patterns[0]).toEqual({ steps: ['a', 'b', 'c'], count: 2, support: 0.5 });
  });

  it('scores recency, frequency and money by quintile, with classes and golden subjects', () => {
    const rows = [1, 2, 3, 4, 5].map((i) => ({ key: `k${i}`, last: `2026-0${i}-01`, frequency: i * 2, monetary: i * 100 }));
    const scored = rfmScores(rows, '2026-06-01');
    expect(scored.map((s) => [s.key, s.recencyDays, s.r, s.f, s.m, s.class, s.golden])).toEqual([
      ['k1', 151, 1, 1, 1, 'hibernating', false],
      ['k2', 120, 2, 2, 2, 'hibernating', false],
      ['k3', 92, 3, 3, 3, 'regular', false],
      ['k4', 61, 4, 4, 4, 'champion', true],
      ['k5', 31, 5, 5, 5, 'champion', true],
    ]);
    const ties = rfmScores([{ key: 'a', last: '2026-01-01', frequency: 1, monetary: 5 }, { key: 'b', last: '2026-01-01', frequency: 1, monetary: 5 }], '2026-01-02');
    expect(ties.map((s) => [s.r, s.f, s.m])).toEqual([[1, 1, 1], [1, 1, 1]]);
  });
});
