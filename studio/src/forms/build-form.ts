import type { EntityDocument, FormDocument } from '../api/types.js';
import type { FormField, FormItem, FormSection } from '../../../core/metadata/types.js';
import { ruleAccepts } from '../../../core/rules/evaluate.js';
import { mayWriteField } from '../lib/access.js';
import { COMPUTED_TYPES, UNEDITABLE_TYPES } from './computed-types.js';
import type { FormItemLayout, FormLayout, FormMode, FormSectionLayout, WidgetRegistry } from './types.js';
import { widgetFor } from './widget-lookup.js';

export interface BuildFormInput {
  entity: EntityDocument;
  form?: FormDocument;
  record: Record<string, unknown>;
  registry: WidgetRegistry;
  mode: FormMode;
  /** Fields a lifecycle drives: they change only through transitions, so forms show them read-only. */
  stateFields?: ReadonlySet<string>;
}

const visible = (rule: unknown, record: Record<string, unknown>): boolean => {
  if (rule === undefined || rule === null) return true;
  try {
    return ruleAccepts(rule, record);
  } catch {
    return true;
  }
};

const itemOf = (i: FormItem): FormField => (typeof i === 'string' ? { field: i } : i);

/**
 * The layout of a record form: a pure function of the entity, its form document (if any),
 * the record (for visibility rules), the widget registry and the mode. Sections and tabs
 * follow the form document; fields it does not place (e.g. fields a tenant added later)
 * follow in one more section; without a form document every field is shown in two columns.
 * A field the user may only read (`access` in /api/meta) is shown read-only.
 */
export const buildFormLayout = ({ entity, form, record, registry, mode, stateFields }: BuildFormInput): FormLayout => {
  const fields = entity.fields ?? {};
  const placed = new Set<string>();
  const shows = (name: string): boolean => Boolean(fields[name]) && !(mode === 'create' && COMPUTED_TYPES.has(fields[name].type));

  const item = (name: string, opts: Partial<FormField>, columns: number): FormItemLayout => {
    const field = fields[name];
    const computed = COMPUTED_TYPES.has(field.type) || UNEDITABLE_TYPES.has(field.type);
    return {
      name,
      field,
      label: field.label,
      widget: widgetFor(registry, field.type),
      span: Math.max(1, Math.min(columns, opts.span ?? 1)),
      required: !computed && Boolean(field.required || opts.required),
      readonly: mode === 'view' || computed || Boolean(field.readonly || opts.readonly) || !mayWriteField(entity, name) || Boolean(stateFields?.has(name)),
    };
  };

  const section = (s: FormSection): FormSectionLayout | undefined => {
    const placedHere = (s.fields ?? []).map(itemOf);
    for (const f of placedHere) placed.add(f.field);
    if (!visible(s.visibleWhen, record)) return undefined;
    const columns = Math.max(1, Math.min(4, s.columns ?? 1));
    const items = placedHere.filter((f) => shows(f.field) && visible(f.visibleWhen, record));
    if (!items.length && !s.relatedList) return undefined;
    return {
      name: s.name,
      label: s.label,
      columns,
      collapsed: Boolean(s.collapsed),
      items: items.map((f) => item(f.field, f, columns)),
      relatedList: s.relatedList,
    };
  };

  const sections = (form?.sections ?? []).map(section).filter((s): s is FormSectionLayout => Boolean(s));
  for (const tab of form?.tabs ?? []) for (const s of tab.sections) for (const f of s.fields ?? []) placed.add(itemOf(f).field);
  const tabs = (form?.tabs ?? [])
    .filter((tab) => visible(tab.visibleWhen, record))
    .map((tab) => ({ name: tab.name, label: tab.label, sections: tab.sections.map(section).filter((s): s is FormSectionLayout => Boolean(s)) }))
    .filter((tab) => tab.sections.length);

  const rest = Object.keys(fields).filter((name) => !placed.has(name) && shows(name));
  if (rest.length) {
    const columns = 2;
    const other: FormSectionLayout = {
      name: form ? '_other' : '_all',
      labelKey: form ? 'record.otherFields' : 'record.details',
      columns,
      collapsed: false,
      items: rest.map((name) => item(name, {}, columns)),
    };
    const firstRelated = sections.findIndex((s) => s.relatedList);
    if (firstRelated < 0) sections.push(other);
    else sections.splice(firstRelated, 0, other);
  }
  return { sections, tabs };
};

/** Every field item of a layout, tabs included. */
export const layoutItems = (layout: FormLayout): FormItemLayout[] =>
  [...layout.sections, ...layout.tabs.flatMap((t) => t.sections)].flatMap((s) => s.items);
