import type { Component } from 'vue';
import type { WidgetRegistry } from './types.js';
import { widgetType } from './widget-lookup.js';

const modules = import.meta.glob<Component>('./widgets/*Widget.vue', { eager: true, import: 'default' });

/** One widget per field type, found by file name: widgets/MultiEnumWidget.vue handles "multi_enum". */
export const defaultRegistry: WidgetRegistry = Object.freeze(
  Object.fromEntries(Object.entries(modules).map(([path, component]) => [widgetType(path), component])),
);
