import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { account, deal, dealForm } from '../testing/fixtures.js';
import { buildFormLayout, layoutItems } from './build-form.js';
import type { WidgetRegistry } from './types.js';

const widget = (name: string) => defineComponent({ name, render: () => null });
const registry: WidgetRegistry = { text: widget('T'), enum: widget('E'), unsupported: widget('U') };

describe('buildFormLayout', () => {
  it('follows the form document: sections, columns, spans capped to the columns', () => {
    const layout = buildFormLayout({ entity: deal, form: dealForm, record: {}, registry, mode: 'edit' });
    const main = layout.sections[0];
    expect(main).toMatchObject({ name: 'main', columns: 2, label: { en: 'Main' } });
    expect(main.items.map((i) => i.name)).toEqual(['number', 'title', 'notes', 'stage', 'amount']);
    expect(main.items.find((i) => i.name === 'notes')?.span).toBe(2);
    expect(main.items.find((i) => i.name === 'title')).toMatchObject({ required: true, readonly: false, widget: registry.text });
    expect(main.items.find((i) => i.name === 'number')).toMatchObject({ required: false, readonly: true });
    expect(main.items.find((i) => i.name === 'amount')?.widget).toBe(registry.unsupported);
  });

  it('puts the fields the form does not place into one more section, before related lists', () => {
    const layout = buildFormLayout({ entity: deal, form: dealForm, record: {}, registry, mode: 'edit' });
    expect(layout.sections.map((s) => s.name)).toEqual(['main', '_other', 'lines']);
    const other = layout.sections[1];
    expect(other.labelKey).toBe('record.otherFields');
    expect(other.items.map((i) => i.name)).toContain('seats');
    expect(other.items.map((i) => i.name)).not.toContain('title');
    expect(other.items.map((i) => i.name)).not.toContain('lost_reason');
    expect(layout.sections[2].relatedList).toEqual({ entity: 'deal_line', field: 'deal' });
  });

  it('shows a section only when its visibleWhen rule holds for the record', () => {
    const hidden = buildFormLayout({ entity: deal, form: dealForm, record: { stage: 'new' }, registry, mode: 'edit' });
    expect(hidden.sections.map((s) => s.name)).not.toContain('lost');
    const shown = buildFormLayout({ entity: deal, form: dealForm, record: { stage: 'lost' }, registry, mode: 'edit' });
    expect(shown.sections.map((s) => s.name)).toContain('lost');
  });

  it('without a form shows every field in two columns; computed fields are left out when creating', () => {
    const create = buildFormLayout({ entity: deal, record: {}, registry, mode: 'create' });
    expect(create.sections).toHaveLength(1);
    expect(create.sections[0]).toMatchObject({ name: '_all', columns: 2, labelKey: 'record.details' });
    const names = layoutItems(create).map((i) => i.name);
    expect(names).toContain('title');
    expect(names).not.toContain('total');
    expect(names).not.toContain('number');
    const view = buildFormLayout({ entity: deal, record: {}, registry, mode: 'view' });
    expect(layoutItems(view).every((i) => i.readonly)).toBe(true);
    expect(layoutItems(view).map((i) => i.name)).toContain('total');
  });

  it('is a pure function of its inputs', () => {
    const input = { entity: account, record: { name: 'x' }, registry, mode: 'edit' as const };
    expect(buildFormLayout(input)).toEqual(buildFormLayout(input));
    expect(input.record).toEqual({ name: 'x' });
  });
});
