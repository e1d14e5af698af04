import type { Component } from 'vue';
import type { WidgetRegistry } from './types.js';

export const FALLBACK_WIDGET = 'unsupported';

/** The widget of a field type, or the read-only fallback. */
export const widgetFor = (registry: WidgetRegistry, type: string): Component => {
  const w = registry[type] ?? registry[FALLBACK_WIDGET];
  if (!w) throw new Error(`No widget for field type "${type}" and no fallback widget`);
  return w;
};

/** "./widgets/MultiEnumWidget.vue" → "multi_enum" */
export const widgetType = (path: string): string =>
  path
    .replace(/^.*\//, '')
    .replace(/Widget\.vue$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
