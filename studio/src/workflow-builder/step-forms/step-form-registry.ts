import type { Component } from 'vue';
import { widgetType } from '../../forms/widget-lookup.js';

const modules = import.meta.glob<Component>('../forms/*StepForm.vue', { eager: true, import: 'default' });

/** "UpdateRelatedStepForm.vue" → "update_related" */
export const stepFormType = (path: string): string => widgetType(path.replace(/StepForm\.vue$/, 'Widget.vue'));

/** One form per step type, found by file name: forms/UpdateRelatedStepForm.vue edits "update_related". */
export const STEP_FORMS: Readonly<Record<string, Component>> = Object.freeze(Object.fromEntries(Object.entries(modules).map(([path, c]) => [stepFormType(path), c])));
