import { describe, expect, it } from 'vitest';
import { FALLBACK_WIDGET, widgetFor, widgetType } from './widget-lookup.js';
import { defaultRegistry } from './widget-registry.js';

const TYPES = ['text', 'long_text', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'datetime', 'email', 'phone', 'url', 'enum', 'multi_enum', 'reference', 'user', 'json', 'formula', 'rollup', 'auto_number', 'attachment'];

describe('widget registry', () => {
  it('finds one widget per field type by file name', () => {
    expect(widgetType('./widgets/MultiEnumWidget.vue')).toBe('multi_enum');
    expect(widgetType('./widgets/AutoNumberWidget.vue')).toBe('auto_number');
    for (const type of TYPES) expect(defaultRegistry[type], type).toBeDefined();
    expect(new Set(TYPES.map((t) => defaultRegistry[t])).size).toBe(TYPES.length);
  });

  it('falls back to the read-only widget for a type without one', () => {
    expect(widgetFor(defaultRegistry, 'many_to_many')).toBe(defaultRegistry[FALLBACK_WIDGET]);
    expect(() => widgetFor({}, 'text')).toThrow(/No widget/);
  });
});
