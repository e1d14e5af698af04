import { describe, expect, it } from 'vitest';
import { account, deal } from '../testing/fixtures.js';
import type { EntityDocument } from '../api/types.js';
import { blankFieldForm, type FieldForm } from './field-form.js';
import { fieldProblems } from './field-problems.js';

const line: EntityDocument = { kind: 'entity', name: 'deal_line', fields: { deal: { type: 'reference', entity: 'deal' }, amount: { type: 'decimal' } } };
const ctx = { taken: ['title'], isNew: true, entities: { deal, account, deal_line: line }, dictionaries: { deal_stage: true }, entity: 'deal' };
const form = (patch: Partial<FieldForm>): FieldForm => ({ ...blankFieldForm(), name: 'code', label: { en: 'Code', zh: '编码' }, ...patch });
const keys = (f: FieldForm, c = ctx) => Object.fromEntries(Object.entries(fieldProblems(f, c)).map(([k, p]) => [k, p.key]));

describe('field editor checks', () => {
  it('accepts a complete field and checks names only for new fields', () => {
    expect(keys(form({}))).toEqual({});
    expect(keys(form({ name: 'title' }))).toEqual({ name: 'names.taken' });
    expect(keys(form({ name: 'title' }), { ...ctx, isNew: false })).toEqual({});
    expect(keys(form({ name: 'select' }))).toEqual({ name: 'names.reserved' });
  });

  it('needs both labels and sensible ranges, patterns and currencies', () => {
    expect(keys(form({ label: { en: 'Code', zh: '' } }))).toEqual({ label: 'problems.labelBoth' });
    expect(keys(form({ description: { en: 'Help', zh: '' } }))).toEqual({ description: 'problems.helpBoth' });
    expect(keys(form({ type: 'enum', options: [{ value: 'a', en: 'A', zh: '', color: '', active: true }] }))).toEqual({ options: 'problems.optionLabel' });
    expect(keys(form({ minLength: 5, maxLength: 2, pattern: '([' }))).toEqual({ maxLength: 'problems.maxBelowMin', pattern: 'problems.badPattern' });
    expect(keys(form({ type: 'currency', min: 10, max: 1, precision: 4, scale: 6, currency: 'rmb' }))).toEqual({
      max: 'problems.maxBelowMin', scale: 'problems.scaleAbovePrecision', currency: 'problems.currency',
    });
    expect(keys(form({ type: 'date', min: '2025-01-01', max: '2024-01-01' }))).toEqual({ max: 'problems.maxBelowMin' });
  });

  it('checks picklist values, dictionaries, targets, formulas and roll-ups', () => {
    expect(keys(form({ type: 'enum' }))).toEqual({ options: 'problems.noOptions' });
    expect(keys(form({ type: 'enum', options: [{ value: 'a', en: '', zh: '', color: '', active: true }, { value: 'a', en: '', zh: '', color: '', active: true }] }))).toEqual({ options: 'problems.repeatedOption' });
    expect(keys(form({ type: 'multi_enum', source: 'dictionary', dictionary: 'nope' }))).toEqual({ dictionary: 'problems.noDictionary' });
    expect(keys(form({ type: 'reference' }))).toEqual({ entity: 'problems.pickEntity' });
    expect(keys(form({ type: 'reference', entity: 'account', required: true, onDelete: 'set_null' }))).toEqual({ onDelete: 'problems.setNullRequired' });
    expect(keys(form({ type: 'formula', expr: '{"+":' }))).toEqual({ expr: 'problems.badJson' });
    expect(keys(form({ type: 'rollup', relation: 'deal_line.deal', aggregate: 'sum' }))).toEqual({ field: 'problems.pickField' });
    expect(keys(form({ type: 'rollup', relation: 'deal_line.amount', aggregate: 'count' }))).toEqual({ relation: 'problems.mustReference' });
    expect(keys(form({ type: 'rollup', relation: 'deal_line.deal', aggregate: 'sum', field: 'amount' }))).toEqual({});
  });
});
