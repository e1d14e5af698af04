import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../api/types.js';
import { deal } from '../testing/fixtures.js';
import { blankFieldForm, fieldPatch, fieldToForm, formToField } from './field-form.js';

describe('field editor state', () => {
  it('round-trips every field of the fixture entity (all types) without adding or losing properties', () => {
    for (const [name, def] of Object.entries(deal.fields)) {
      expect(formToField(fieldToForm(name, def)), name).toEqual(def);
    }
  });

  it('keeps only the options of the chosen type and drops empty ones', () => {
    const form = { ...blankFieldForm('text'), name: 'code', label: { en: 'Code', zh: '编码' }, maxLength: 20, pattern: '^[A-Z]+$', min: 3, currency: 'CNY' };
    expect(formToField(form)).toEqual({ type: 'text', label: { en: 'Code', 'zh-CN': '编码' }, maxLength: 20, pattern: '^[A-Z]+$' });
    expect(formToField({ ...form, type: 'currency' })).toEqual({ type: 'currency', label: { en: 'Code', 'zh-CN': '编码' }, min: 3, currency: 'CNY' });
  });

  it('writes picklists from inline values (a retired value stays, marked inactive) or from a dictionary', () => {
    const form = {
      ...blankFieldForm('enum'),
      options: [
        { value: 'a', en: 'A', zh: '甲', color: '#f00', active: true },
        { value: 'b', en: '', zh: '', color: '', active: false },
        { value: ' ', en: '', zh: '', color: '', active: true },
      ],
    };
    expect(formToField(form)).toEqual({ type: 'enum', options: [{ value: 'a', label: { en: 'A', 'zh-CN': '甲' }, color: '#f00' }, { value: 'b', active: false }] });
    expect(formToField({ ...form, source: 'dictionary', dictionary: 'deal_stage' })).toEqual({ type: 'enum', dictionary: 'deal_stage' });
  });

  it('leaves required, unique and default off computed fields, and parses expressions', () => {
    const form = { ...blankFieldForm('formula'), required: true, unique: true, default: 3, resultType: 'integer' as const, expr: '{"+":[{"var":"a"},1]}' };
    expect(formToField(form)).toEqual({ type: 'formula', resultType: 'integer', expr: { '+': [{ var: 'a' }, 1] } });
    const rollup = { ...blankFieldForm('rollup'), relation: 'line.deal', aggregate: 'sum' as const, field: 'amount', filter: '' };
    expect(formToField(rollup)).toEqual({ type: 'rollup', relation: 'line.deal', aggregate: 'sum', field: 'amount' });
    expect(formToField({ ...rollup, aggregate: 'count' })).toEqual({ type: 'rollup', relation: 'line.deal', aggregate: 'count' });
  });

  it('writes attachment limits: file count only with several files, types as a list without repeats', () => {
    const form = { ...blankFieldForm('attachment'), maxFiles: 5, maxSizeMb: 2, accept: '.pdf, image/*, .pdf, ' };
    expect(formToField(form)).toEqual({ type: 'attachment', maxSizeMb: 2, accept: ['.pdf', 'image/*'] });
    const several = formToField({ ...form, multiple: true });
    expect(several).toEqual({ type: 'attachment', multiple: true, maxFiles: 5, maxSizeMb: 2, accept: ['.pdf', 'image/*'] });
    expect(formToField(fieldToForm('files', several))).toEqual(several);
  });

  it('makes an overlay patch of a plugin field: what changed, never the type', () => {
    const before = { type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, maxLength: 200 } as FieldDefinition;
    const after = { type: 'text', label: { en: 'Company name', 'zh-CN': '名称' }, maxLength: 200, required: true } as FieldDefinition;
    expect(fieldPatch(before, after)).toEqual({ label: { en: 'Company name', 'zh-CN': '名称' }, required: true });
  });
});
