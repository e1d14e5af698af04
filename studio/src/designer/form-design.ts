import type { FormDocument, FormField, FormItem, FormSection, FormTab, Label } from '../../../core/metadata/types.js';

/** A form layout while it is being designed: every field item as an object, sections by unique name. */
export interface DesignSection extends Omit<FormSection, 'fields'> {
  fields: FormField[];
}
export interface DesignTab extends Omit<FormTab, 'sections'> {
  sections: DesignSection[];
}
export interface FormDesign {
  sections: DesignSection[];
  tabs: DesignTab[];
}

/** A deep copy of plain JSON (works on reactive proxies, which structuredClone refuses). */
export const cloneJson = <T>(x: T): T => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T));

const itemOf = (i: FormItem): FormField => (typeof i === 'string' ? { field: i } : { ...i });

const sectionOf = (s: FormSection): DesignSection => {
  const { fields, ...rest } = cloneJson(s);
  return { ...rest, fields: (fields ?? []).map(itemOf) };
};

/** The design of a form document (or an empty design without one). */
export const fromFormDocument = (doc: FormDocument | undefined): FormDesign => ({
  sections: (doc?.sections ?? []).map(sectionOf),
  tabs: (doc?.tabs ?? []).map((t) => ({ ...cloneJson(t), sections: t.sections.map(sectionOf) })),
});

/** A field item as sparse as it can be: a bare name when it has no options. */
const sparseItem = (f: FormField): FormItem => {
  const out: FormField = { field: f.field };
  if (f.span && f.span > 1) out.span = f.span;
  if (f.readonly) out.readonly = true;
  if (f.required) out.required = true;
  if (f.visibleWhen !== undefined && f.visibleWhen !== null) out.visibleWhen = f.visibleWhen;
  return Object.keys(out).length === 1 ? f.field : out;
};

const sectionDoc = (s: DesignSection): FormSection => {
  const out: FormSection = { name: s.name };
  if (s.label) out.label = s.label;
  if (s.columns && s.columns > 1) out.columns = s.columns;
  if (s.collapsed) out.collapsed = true;
  if (s.visibleWhen !== undefined && s.visibleWhen !== null) out.visibleWhen = s.visibleWhen;
  if (s.relatedList) out.relatedList = s.relatedList;
  else out.fields = s.fields.map(sparseItem);
  return out;
};

/** The form document a design saves as. */
export const toFormDocument = (design: FormDesign, base: { name: string; entity: string; label?: Label; id?: string }): FormDocument => {
  const doc: FormDocument = { kind: 'form', name: base.name, entity: base.entity };
  if (base.id) doc.id = base.id;
  if (base.label) doc.label = base.label;
  doc.sections = design.sections.map(sectionDoc);
  if (design.tabs.length) {
    doc.tabs = design.tabs.map((t) => {
      const tab: FormTab = { name: t.name, label: t.label, sections: t.sections.map(sectionDoc) };
      if (t.visibleWhen !== undefined && t.visibleWhen !== null) tab.visibleWhen = t.visibleWhen;
      return tab;
    });
  }
  return doc;
};

/** Every section of a design, tabs included, with where it lives. */
export const allSections = (design: FormDesign): { section: DesignSection; list: DesignSection[]; tab?: DesignTab }[] => [
  ...design.sections.map((section) => ({ section, list: design.sections })),
  ...design.tabs.flatMap((tab) => tab.sections.map((section) => ({ section, list: tab.sections, tab }))),
];

/** The names of the fields the design places. */
export const placedFields = (design: FormDesign): Set<string> =>
  new Set(allSections(design).flatMap(({ section }) => section.fields.map((f) => f.field)));

/** The entity's fields the design does not place yet (the palette), in the entity's order. */
export const unplacedFields = (design: FormDesign, fieldNames: string[]): string[] => {
  const placed = placedFields(design);
  return fieldNames.filter((n) => !placed.has(n));
};

/** A section or tab name not used yet: `base`, `base_2`, `base_3`… */
export const freeName = (taken: Iterable<string>, base: string): string => {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
};

const overlayNamed = <T extends { name: string }>(base: T[], over: T[], merge: (b: T, o: T) => T): T[] => {
  const byName = new Map(over.map((o) => [o.name, o]));
  const listsAll = base.every((b) => byName.has(b.name));
  if (listsAll) return over.map((o) => {
    const b = base.find((x) => x.name === o.name);
    return b ? merge(b, o) : o;
  });
  const merged = base.map((b) => (byName.has(b.name) ? merge(b, byName.get(b.name)!) : b));
  return [...merged, ...over.filter((o) => !base.some((b) => b.name === o.name))];
};

/**
 * The form as the tenant's draft overlay makes it: sections and tabs by name (an overlay
 * naming every one below sets their order; new ones follow), a section's field list replaced.
 */
export const overlayForm = (base: FormDocument | undefined, overlay: FormDocument | undefined): FormDocument | undefined => {
  if (!base || !overlay) return overlay ?? base;
  const section = (b: FormSection, o: FormSection): FormSection => ({ ...b, ...o });
  return {
    ...base,
    ...overlay,
    sections: overlayNamed(base.sections ?? [], overlay.sections ?? [], section),
    tabs: overlayNamed(base.tabs ?? [], overlay.tabs ?? [], (b, o) => ({ ...b, ...o, sections: overlayNamed(b.sections, o.sections, section) })),
  };
};

/** A name for a new section or tab from its English label: "Social media" → "social_media". */
export const nameFromLabel = (label: string, fallback: string): string => {
  const s = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 50);
  return /^[a-z]/.test(s) ? s : fallback;
};

/**
 * A tenant overlay cannot take away a section defined below it. So sections of the form below
 * that the design no longer has are kept in the document with no fields (which hides them), and
 * so that the overlay still names every section below (which lets it set their order).
 */
export const keepRemovedSections = (doc: FormDocument, below: string[]): FormDocument => {
  const present = new Set([...(doc.sections ?? []), ...(doc.tabs ?? []).flatMap((t) => t.sections)].map((s) => s.name));
  const gone = below.filter((name) => !present.has(name));
  return gone.length ? { ...doc, sections: [...(doc.sections ?? []), ...gone.map((name) => ({ name, fields: [] }))] } : doc;
};

/** The section names of a form document, tabs included. */
export const sectionNames = (doc: FormDocument | undefined): string[] =>
  [...(doc?.sections ?? []), ...(doc?.tabs ?? []).flatMap((t) => t.sections)].map((s) => s.name);

/** Leaves out the sections `keepRemovedSections` kept (empty field sections of the form below): the designer shows them as removed. */
export const withoutKeptSections = (design: FormDesign, below: string[]): FormDesign => {
  const kept = (s: DesignSection) => below.includes(s.name) && !s.relatedList && !s.fields.length;
  return { sections: design.sections.filter((s) => !kept(s)), tabs: design.tabs.map((t) => ({ ...t, sections: t.sections.filter((s) => !kept(s)) })) };
};
