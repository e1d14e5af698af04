import { describe, expect, it } from 'vitest';
import { patternProblem } from './safe-pattern.js';

describe('safe patterns', () => {
  it('accepts ordinary patterns', () => {
    for (const p of ['^[A-Z]{3}$', '^\\+?[0-9 ]{5,20}$', '^[a-z]+(-[a-z]+)?$', '^(?:[a-z]{2})?\\d+$', '^(a|b)+$', '^\\(\\d+\\)+$', '[(+*]+'])
      expect(patternProblem(p), p).toBeUndefined();
  });

  it('refuses nested unbounded quantifiers, long and invalid patterns', () => {
    for (const p of ['(a+)+', '^(a*)*$', '(x+x+)+y', '((ab)*)+', '(?:\\d+){2,}', '(?<n>a+)*', '([a-z]+\\.)*']) expect(patternProblem(p), p).toMatch(/exponential/);
    expect(patternProblem('a'.repeat(201))).toMatch(/longer/);
    expect(patternProblem('(')).toMatch(/not a valid/);
  });
});
