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

const UNSORTABLE = new Set(['multi_enum', 'many_to_many', 'json', 'attachment']);
const DEFAULT_COLUMNS = 6;

const column = (entities: Record<string, EntityDocument>, entity: EntityDocument, path: string, label?: Label): ListColumn | undefined => {
  const [head, tail] = path.split('.');
  const own = entity.fields[head];
  if (!own && !SYSTEM_KEYS.has(head)) return undefined;
  let field: FieldDefinition | undefined = own;
  if (own?.type === 'reference' && !tail) {
    const title = entities[own.entity]?.titleField;
    const target = title ? entities[own.entity]?.fields[title] : undefined;
    if (title && target && target.type !== 'reference') return { path: `${head}.${title}`, name: head, label: label ?? own.label, field: target, sortable: true };
  }
  if (tail) {
    if (own?.type !== 'reference') return undefined;
    field = entities[own.entity]?.fields[tail];
    if (!field && !SYSTEM_KEYS.has(tail)) return undefined;
  }
  return { path, name: head, label: label ?? own?.label, field, sortable: !field || !UNSORTABLE.has(field.type) };
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
