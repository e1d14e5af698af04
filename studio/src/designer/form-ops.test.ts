import { describe, expect, it } from 'vitest';
import type { FormDocument } from '../../../core/metadata/types.js';
import { designProblems } from './design-problems.js';
import { fromFormDocument, overlayForm, toFormDocument, unplacedFields } from './form-design.js';
import { addSection, addTab, moveField, moveSectionTo, removeField, removeSection, removeTab, shiftField, shiftSection, updateField, updateSection } from './form-ops.js';

const L = (en: string) => ({ en, 'zh-CN': en });
const doc: FormDocument = {
  kind: 'form',
  name: 'customer',
  entity: 'customer',
  sections: [
    { name: 'basic', label: L('Basic'), columns: 2, fields: ['code', 'name', { field: 'address', span: 2 }] },
    { name: 'contact_info', label: L('Contact'), fields: ['phone'] },
    { name: 'contacts', label: L('Contacts'), relatedList: { entity: 'contact', field: 'customer' } },
  ],
};
const design = fromFormDocument(doc);
const names = (d: ReturnType<typeof fromFormDocument>, s: number) => d.sections[s].fields.map((f) => f.field);

describe('form design', () => {
  it('reads a form document and writes it back as sparse as it was', () => {
    expect(toFormDocument(design, doc)).toEqual(doc);
  });

  it('lists the entity fields not placed yet', () => {
    expect(unplacedFields(design, ['code', 'name', 'grade', 'phone', 'website'])).toEqual(['grade', 'website']);
  });

  it('moves a field into another section at a place, keeping its options', () => {
    const d = moveField(design, 'address', 'contact_info', 0);
    expect(names(d, 0)).toEqual(['code', 'name']);
    expect(d.sections[1].fields).toEqual([{ field: 'address', span: 2 }, { field: 'phone' }]);
    expect(names(design, 0)).toEqual(['code', 'name', 'address']);
  });

  it('places a field from the palette and takes it off again', () => {
    const d = moveField(design, 'grade', 'basic');
    expect(names(d, 0)).toEqual(['code', 'name', 'address', 'grade']);
    expect(names(removeField(d, 'grade'), 0)).toEqual(['code', 'name', 'address']);
  });

  it('refuses to put a field into a related list', () => {
    expect(() => moveField(design, 'grade', 'contacts')).toThrow(/no field section/);
  });

  it('moves fields and sections up and down, staying put at the edges', () => {
    expect(names(shiftField(design, 'name', -1), 0)).toEqual(['name', 'code', 'address']);
    expect(names(shiftField(design, 'code', -1), 0)).toEqual(['code', 'name', 'address']);
    expect(shiftSection(design, 'contacts', -1).sections.map((s) => s.name)).toEqual(['basic', 'contacts', 'contact_info']);
  });

  it('adds a section with a free name, and a related list', () => {
    const { design: d, name } = addSection(design, { label: L('Basic again'), name: 'basic' });
    expect(name).toBe('basic_2');
    expect(d.sections.at(-1)).toMatchObject({ name: 'basic_2', columns: 2, fields: [] });
    const r = addSection(d, { label: L('Orders'), name: 'orders', relatedList: { entity: 'sales_order', field: 'customer' } });
    expect(toFormDocument(r.design, doc).sections?.at(-1)).toEqual({ name: 'orders', label: L('Orders'), relatedList: { entity: 'sales_order', field: 'customer' } });
  });

  it('changes field and section options; narrowing columns narrows spans', () => {
    let d = updateField(design, 'name', { readonly: true, required: true, visibleWhen: { '==': [{ var: 'grade' }, 'vip'] } });
    d = updateSection(d, 'basic', { columns: 1, label: L('Main') });
    const out = toFormDocument(d, doc).sections![0];
    expect(out).toEqual({ name: 'basic', label: L('Main'), fields: ['code', { field: 'name', readonly: true, required: true, visibleWhen: { '==': [{ var: 'grade' }, 'vip'] } }, 'address'] });
    expect(toFormDocument(updateField(d, 'name', { readonly: undefined, required: undefined, visibleWhen: undefined }), doc).sections![0].fields).toEqual(['code', 'name', 'address']);
  });

  it('removes a section, its fields going back to the palette', () => {
    const d = removeSection(design, 'basic');
    expect(unplacedFields(d, ['code', 'phone'])).toEqual(['code']);
  });

  it('adds tabs, moves sections into them, and keeps the sections of a removed tab', () => {
    const { design: d1, name } = addTab(design, L('More'));
    const d2 = moveSectionTo(d1, 'contact_info', name);
    expect(d2.sections.map((s) => s.name)).toEqual(['basic', 'contacts']);
    expect(toFormDocument(d2, doc).tabs).toEqual([{ name: 'tab', label: L('More'), sections: [{ name: 'contact_info', label: L('Contact'), fields: ['phone'] }] }]);
    expect(removeTab(d2, name).sections.map((s) => s.name)).toEqual(['basic', 'contacts', 'contact_info']);
  });

  it('names what must be fixed before saving', () => {
    const { design: d } = addSection(addTab(design, L('')).design, { label: { en: 'Only English', 'zh-CN': '' } });
    expect(designProblems(d).map((p) => p.key)).toEqual(['labelMissing', 'tabLabelMissing', 'emptyTab']);
    expect(designProblems(design)).toEqual([]);
  });
});

describe('overlayForm', () => {
  it('merges sections by name, replacing field lists and appending new sections', () => {
    const out = overlayForm(doc, { kind: 'form', name: 'customer', entity: 'customer', sections: [{ name: 'contact_info', fields: ['phone', 'code'] }, { name: 'extra', label: L('Extra'), fields: [] }] });
    expect(out?.sections?.map((s) => s.name)).toEqual(['basic', 'contact_info', 'contacts', 'extra']);
    expect(out?.sections?.[1]).toEqual({ name: 'contact_info', label: L('Contact'), fields: ['phone', 'code'] });
  });

  it('takes the overlay order when it names every section below', () => {
    const out = overlayForm(doc, { ...doc, sections: [...doc.sections!].reverse() });
    expect(out?.sections?.map((s) => s.name)).toEqual(['contacts', 'contact_info', 'basic']);
  });
});

describe('nameFromLabel', () => {
  it('makes a name from an English label, or falls back', async () => {
    const { nameFromLabel } = await import('./form-design.js');
    expect(nameFromLabel('Social media & more', 'section')).toBe('social_media_more');
    expect(nameFromLabel('2nd part', 'section')).toBe('section');
    expect(nameFromLabel('', 'tab')).toBe('tab');
  });
});

describe('sections the form below defines', () => {
  it('are kept empty when removed, and read back as removed', async () => {
    const { keepRemovedSections, sectionNames, withoutKeptSections } = await import('./form-design.js');
    const below = sectionNames(doc);
    const out = keepRemovedSections(toFormDocument(removeSection(design, 'contact_info'), doc), below);
    expect(out.sections?.map((s) => s.name)).toEqual(['basic', 'contacts', 'contact_info']);
    expect(out.sections?.at(-1)).toEqual({ name: 'contact_info', fields: [] });
    expect(withoutKeptSections(fromFormDocument(out), below).sections.map((s) => s.name)).toEqual(['basic', 'contacts']);
  });
});
