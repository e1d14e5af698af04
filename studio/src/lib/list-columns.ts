import type { EntityDocument, FieldDefinition, Label, ViewDocument } from '../api/types.js';
import { SYSTEM_KEYS } from '../forms/computed-types.js';

export interface ListColumn {
  /** Field path as the API takes it: "name" or "customer.name". */
  path: string;
  /** The field the label comes from (the reference field for a path). */
  label?: Label;
  name: string;
  /** The field the value is formatted by (the target's field for a path). */
  field?: FieldDefinition;
  sortable: boolean;
}

const label = (en: string, zh: string): Label => ({ en, 'zh-CN': zh });
/** The system columns a view may show, as fields: people by name, instants on the tenant's clock, each with a label. */
const SYSTEM_COLUMNS: Record<string, FieldDefinition> = {
  owner_id: { type: 'user', label: label('Owner', '负责人') } as FieldDefinition,
  created_by: { type: 'user', label: label('Created by', '创建人') } as FieldDefinition,
  updated_by: { type: 'user', label: label('Updated by', '更新人') } as FieldDefinition,
  created_at: { type: 'datetime', label: label('Created at', '创建时间') } as FieldDefinition,
  updated_at: { type: 'datetime', label: label('Updated at', '更新时间') } as FieldDefinition,
  deleted_at: { type: 'datetime', label: label('Deleted at', '删除时间') } as FieldDefinition,
};

const UNSORTABLE = new Set(['multi_enum', 'many_to_many', 'json', 'attachment']);
const DEFAULT_COLUMNS = 6;

const column = (entities: Record<string, EntityDocument>, entity: EntityDocument, path: string, label?: Label): ListColumn | undefined => {
  const [head, tail] = path.split('.');
  const own: FieldDefinition | undefined = entity.fields[head] ?? SYSTEM_COLUMNS[head];
  if (!own && !SYSTEM_KEYS.has(head)) return undefined;
  let field: FieldDefinition | undefined = own;
  if (own?.type === 'reference' && !tail) {
    const title = entities[own.entity]?.titleField;
    const target = title ? entities[own.entity]?.fields[title] : undefined;
    if (title && target && target.type !== 'reference') return { path: `${head}.${title}`, name: head, label: label ?? own.label, field: target, sortable: true };
  }
  // A path through references: the value is the last hop's field; the header names the last
  // reference crossed (`opportunity.customer.name` reads "Customer", not a second "Opportunity").
  let header = own?.label;
  if (tail) {
    let at: FieldDefinition | undefined = own;
    for (const hop of path.split('.').slice(1)) {
      if (at?.type !== 'reference') return undefined;
      header = at.label;
      const next: FieldDefinition | undefined = entities[at.entity]?.fields[hop];
      if (!next && !SYSTEM_KEYS.has(hop)) return undefined;
      at = next;
    }
    field = at;
  }
  return { path, name: head, label: label ?? header, field, sortable: !field || !UNSORTABLE.has(field.type) };
};

/**
 * The columns of an entity's list: the view's columns when it has a view, else the title
 * field and the next fields in document order (long texts and JSON left out).
 */
export const listColumns = (entities: Record<string, EntityDocument>, entity: EntityDocument, view?: ViewDocument): ListColumn[] => {
  if (view?.columns?.length) {
    return view.columns
      .map((c) => (typeof c === 'string' ? column(entities, entity, c) : column(entities, entity, c.field, c.label)))
      .filter((c): c is ListColumn => Boolean(c));
  }
  const names = Object.entries(entity.fields)
    .filter(([, f]) => !['long_text', 'json', 'many_to_many', 'attachment'].includes(f.type))
    .map(([n]) => n);
  const title = entity.titleField && entity.fields[entity.titleField] ? [entity.titleField] : [];
  const ordered = [...title, ...names.filter((n) => !title.includes(n))].slice(0, DEFAULT_COLUMNS);
  return ordered.map((n) => column(entities, entity, n)).filter((c): c is ListColumn => Boolean(c));
};

/** The view's sort as the API's sort parameter ("-date,name"). */
export const viewSort = (view?: ViewDocument): string | undefined =>
  view?.sort?.length ? view.sort.map((s) => `${s.direction === 'desc' ? '-' : ''}${s.field}`).join(',') : undefined;

/** Narrow kinds of value: a few characters or a tag, never worth the title's room. */
const NARROW: Record<string, number> = { boolean: 90, integer: 100, decimal: 110, currency: 120, percent: 100, date: 120, enum: 120, auto_number: 130, datetime: 160, phone: 140 };

/**
 * A column's minimum width in pixels. The table shares spare room in proportion to these, so
 * the first (title) column gets the most, short values (dates, numbers, flags, states) the
 * least, and other texts and references sit between.
 */
export const columnMinWidth = (column: ListColumn, first: boolean): number => {
  if (first) return 240;
  return NARROW[column.field?.type ?? ''] ?? 150;
};
