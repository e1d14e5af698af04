import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { deal, dealForm } from '../testing/fixtures.js';
import { buildFormLayout, layoutItems } from './build-form.js';
import { validateRecord } from './validate-record.js';

const registry = { unsupported: defineComponent({ render: () => null }) };
const check = (values: Record<string, unknown>) => {
  const items = layoutItems(buildFormLayout({ entity: deal, record: values, registry, mode: 'create' }));
  return validateRecord({ entity: deal, items, values });
};
const keys = (values: Record<string, unknown>) => check(values).map((m) => `${m.field}:${m.key ?? 'rule'}`);

describe('validateRecord', () => {
  it('accepts a good record', () => {
    expect(check({ title: 'Big deal', seats: 3, site: 'https://acme.test', email: 'a@b.cn', close_on: '2026-01-02' })).toEqual([]);
  });

  it('reports required, lengths, patterns, ranges and formats', () => {
    expect(keys({})).toEqual(['title:validation.required']);
    expect(keys({ title: 'lower case' })).toEqual(['title:validation.pattern']);
    expect(keys({ title: 'A'.repeat(21) })).toEqual(['title:validation.maxLength']);
    expect(keys({ title: 'Ok', seats: 11, amount: -1 })).toEqual(['seats:validation.max', 'amount:validation.min']);
    expect(keys({ title: 'Ok', seats: 2.5 })).toEqual(['seats:validation.integer']);
    expect(keys({ title: 'Ok', email: 'nope', site: 'ftp://x' })).toEqual(['email:validation.email', 'site:validation.url']);
    expect(keys({ title: 'Ok', close_on: '2019-12-31' })).toEqual(['close_on:validation.dateMin']);
    expect(check({ title: 'Ok', seats: 11 })[0].params).toEqual({ n: 10 });
  });

  it('holds a text field without maxLength to its type\'s default, as the server does', () => {
    expect(check({ title: 'Ok', notes: 'x'.repeat(100_000), phone: '1'.repeat(1_000) })).toEqual([]);
    const over = check({ title: 'Ok', notes: 'x'.repeat(100_001), phone: '1'.repeat(1_001) });
    expect(over.map((m) => [m.field, m.key, m.params])).toEqual([
      ['notes', 'validation.maxLength', { n: 100_000 }],
      ['phone', 'validation.maxLength', { n: 1_000 }],
    ]);
  });

  it('checks the entity rules with the same rule module as the server', () => {
    const found = check({ title: 'Ok', stage: 'lost' });
    expect(found).toEqual([{ field: 'lost_reason', text: { en: 'A lost deal needs a reason.', 'zh-CN': '丢单必须填写原因。' } }]);
    expect(check({ title: 'Ok', stage: 'lost', lost_reason: 'price' })).toEqual([]);
  });

  it('skips read-only items', () => {
    const items = layoutItems(buildFormLayout({ entity: deal, form: dealForm, record: {}, registry, mode: 'view' }));
    expect(validateRecord({ entity: deal, items, values: {} }).filter((m) => m.key)).toEqual([]);
  });
});
