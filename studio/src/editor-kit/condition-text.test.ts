import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../i18n/index.js';
import { deal } from '../testing/fixtures.js';
import { conditionText } from './condition-text.js';

const t = (k: string) => i18n.global.t(k);

describe('a condition in words', () => {
  it('says what the builder can show, and shows other rules as compact JSON', () => {
    setLocale('en');
    expect(conditionText({ and: [{ '==': [{ var: 'stage' }, 'won'] }, { '>': [{ var: 'amount' }, 1000] }] }, deal, t, 'en')).toBe('Stage is won and Amount greater than / after 1000');
    expect(conditionText({ '!=': [{ var: 'title' }, null] }, deal, t, 'en')).toBe('Title is not empty');
    expect(conditionText({ '==': [1, 1] }, deal, t, 'en')).toBe('{"==":[1,1]}');
    expect(conditionText(undefined, deal, t, 'en')).toBe('');
  });
});
