import { describe, expect, it } from 'vitest';
import { deal } from '../testing/fixtures.js';
import { tryRule } from './try-rule.js';

describe('try a rule on sample values', () => {
  const rule = deal.rules![0].rule;
  it('evaluates with the shared rule module, absent fields as null', () => {
    expect(tryRule(rule, deal, {}).state).toBe('pass');
    expect(tryRule(rule, deal, {})).toMatchObject({ fields: ['stage', 'lost_reason'] });
    expect(tryRule(rule, deal, { stage: 'lost' }).state).toBe('fail');
    expect(tryRule(rule, deal, { stage: 'lost', lost_reason: 'price' }).state).toBe('pass');
    expect(tryRule(undefined, deal, {}).state).toBe('empty');
  });
});
