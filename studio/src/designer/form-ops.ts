import type { FormField, Label } from '../../../core/metadata/types.js';
import { allSections, cloneJson, freeName, type DesignSection, type DesignTab, type FormDesign } from './form-design.js';

/**
 * Designer steps: each takes a design and answers a new one (the input is not changed), so
 * every step can be undone by keeping the design before it.
 */
const edit = (design: FormDesign, change: (d: FormDesign) => void): FormDesign => {
  const copy = cloneJson(design);
  change(copy);
  return copy;
};

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export const findSection = (design: FormDesign, name: string) => allSections(design).find((s) => s.section.name === name);

const sectionTaken = (d: FormDesign): string[] => [...allSections(d).map((s) => s.section.name), ...d.tabs.map((t) => t.name)];

/** Puts `field` into section `to` at `index` (the end by default), taking it from where it was (or from the palette). */
export const moveField = (design: FormDesign, field: string, to: string, index?: number): FormDesign =>
  edit(design, (d) => {
    let item: FormField = { field };
    for (const { section } of allSections(d)) {
      const at = section.fields.findIndex((f) => f.field === field);
      if (at >= 0) item = section.fields.splice(at, 1)[0];
    }
    const target = findSection(d, to)?.section;
    if (!target || target.relatedList) throw new Error(`There is no field section "${to}"`);
    target.fields.splice(clamp(index ?? target.fields.length, 0, target.fields.length), 0, item);
  });

/** Moves a field one place up (-1) or down (+1) in its section; at an edge it stays. */
export const shiftField = (design: FormDesign, field: string, delta: -1 | 1): FormDesign =>
  edit(design, (d) => {
    for (const { section } of allSections(d)) {
      const at = section.fields.findIndex((f) => f.field === field);
      const to = at + delta;
      if (at >= 0 && to >= 0 && to < section.fields.length) section.fields.splice(to, 0, section.fields.splice(at, 1)[0]);
    }
  });

/** Takes a field off the form (back to the palette). */
export const removeField = (design: FormDesign, field: string): FormDesign =>
  edit(design, (d) => {
    for (const { section } of allSections(d)) section.fields = section.fields.filter((f) => f.field !== field);
  });

/** Changes a placed field's options (span, readonly, required, visibleWhen); undefined clears one. */
export const updateField = (design: FormDesign, field: string, patch: Partial<Omit<FormField, 'field'>>): FormDesign =>
  edit(design, (d) => {
    for (const { section } of allSections(d)) {
      const item = section.fields.find((f) => f.field === field);
      if (item) Object.assign(item, patch);
      if (item) for (const k of Object.keys(patch) as (keyof FormField)[]) if (item[k] === undefined) delete item[k];
    }
  });

export interface NewSection {
  label: Label;
  name?: string;
  columns?: number;
  /** Records of another entity pointing at this one, instead of fields. */
  relatedList?: { entity: string; field: string; columns?: string[] };
  /** The tab to add it to; top level without one. */
  tab?: string;
}

/** Adds a section at the end of the top level or of a tab; answers the design and the new name. */
export const addSection = (design: FormDesign, input: NewSection): { design: FormDesign; name: string } => {
  const name = freeName(sectionTaken(design), input.name || 'section');
  const next = edit(design, (d) => {
    const s: DesignSection = { name, label: input.label, columns: input.columns ?? (input.relatedList ? undefined : 2), fields: [] };
    if (input.relatedList) s.relatedList = input.relatedList;
    const list = input.tab ? d.tabs.find((t) => t.name === input.tab)?.sections : d.sections;
    if (!list) throw new Error(`There is no tab "${input.tab}"`);
    list.push(s);
  });
  return { design: next, name };
};

/** Changes a section's label, columns, collapsed state or visibleWhen; undefined clears one. */
export const updateSection = (design: FormDesign, name: string, patch: Partial<Pick<DesignSection, 'label' | 'columns' | 'collapsed' | 'visibleWhen'>>): FormDesign =>
  edit(design, (d) => {
    const s = findSection(d, name)?.section;
    if (!s) return;
    Object.assign(s, patch);
    for (const k of Object.keys(patch) as (keyof DesignSection)[]) if (s[k] === undefined) delete s[k];
    if (s.columns) for (const f of s.fields) if (f.span && f.span > s.columns) f.span = s.columns;
  });

/** Removes a section; its fields go back to the palette. */
export const removeSection = (design: FormDesign, name: string): FormDesign =>
  edit(design, (d) => {
    const found = findSection(d, name);
    if (found) found.list.splice(found.list.indexOf(found.section), 1);
  });

/** Moves a section one place up or down among its neighbours. */
export const shiftSection = (design: FormDesign, name: string, delta: -1 | 1): FormDesign =>
  edit(design, (d) => {
    const found = findSection(d, name);
    if (!found) return;
    const at = found.list.indexOf(found.section);
    const to = at + delta;
    if (to >= 0 && to < found.list.length) found.list.splice(to, 0, found.list.splice(at, 1)[0]);
  });

/** Moves a section to the end of a tab, or of the top level (tab undefined). */
export const moveSectionTo = (design: FormDesign, name: string, tab: string | undefined): FormDesign =>
  edit(design, (d) => {
    const found = findSection(d, name);
    const list = tab ? d.tabs.find((t) => t.name === tab)?.sections : d.sections;
    if (!found || !list || found.list === list) return;
    found.list.splice(found.list.indexOf(found.section), 1);
    list.push(found.section);
  });

/** Adds an empty tab; answers the design and its name. */
export const addTab = (design: FormDesign, label: Label, name?: string): { design: FormDesign; name: string } => {
  const tabName = freeName(sectionTaken(design), name || 'tab');
  return { design: edit(design, (d) => void d.tabs.push({ name: tabName, label, sections: [] })), name: tabName };
};

export const updateTab = (design: FormDesign, name: string, patch: Partial<Pick<DesignTab, 'label' | 'visibleWhen'>>): FormDesign =>
  edit(design, (d) => {
    const tab = d.tabs.find((t) => t.name === name);
    if (!tab) return;
    Object.assign(tab, patch);
    if (patch.visibleWhen === undefined && 'visibleWhen' in patch) delete tab.visibleWhen;
  });

/** Removes a tab; its sections move to the top level, so nothing placed is lost. */
export const removeTab = (design: FormDesign, name: string): FormDesign =>
  edit(design, (d) => {
    const at = d.tabs.findIndex((t) => t.name === name);
    if (at < 0) return;
    d.sections.push(...d.tabs[at].sections);
    d.tabs.splice(at, 1);
  });

export const shiftTab = (design: FormDesign, name: string, delta: -1 | 1): FormDesign =>
  edit(design, (d) => {
    const at = d.tabs.findIndex((t) => t.name === name);
    const to = at + delta;
    if (at >= 0 && to >= 0 && to < d.tabs.length) d.tabs.splice(to, 0, d.tabs.splice(at, 1)[0]);
  });
