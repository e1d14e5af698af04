import type { EntityDocument, Label, SortOrder, ViewColumn, ViewDocument } from '../../../core/metadata/types.js';

/** A list column while it is being designed. */
export interface DesignColumn {
  field: string;
  label?: Label;
  width?: number;
}

/** A view while it is being designed: columns as objects, the options of every type kept while switching. */
export interface ViewDesign {
  name: string;
  label: Label;
  type: 'list' | 'kanban' | 'calendar';
  isDefault: boolean;
  columns: DesignColumn[];
  sort?: SortOrder;
  filter?: unknown;
  pageSize?: number;
  kanbanField?: string;
  cardFields: string[];
  dateField?: string;
  endField?: string;
  titleField?: string;
}

export const fromViewDocument = (v: ViewDocument): ViewDesign => ({
  name: v.name,
  label: { en: v.label?.en ?? '', 'zh-CN': v.label?.['zh-CN'] ?? '' },
  type: v.type ?? 'list',
  isDefault: Boolean(v.default),
  columns: v.columns.map((c) => (typeof c === 'string' ? { field: c } : { ...c })),
  sort: v.sort?.[0] ? { ...v.sort[0] } : undefined,
  filter: v.filter,
  pageSize: v.pageSize,
  kanbanField: v.kanban?.field,
  cardFields: [...(v.kanban?.cardFields ?? [])],
  dateField: v.calendar?.dateField,
  endField: v.calendar?.endField,
  titleField: v.calendar?.titleField,
});

export const newViewDesign = (entity: EntityDocument, name: string): ViewDesign => ({
  name,
  label: { en: '', 'zh-CN': '' },
  type: 'list',
  isDefault: false,
  columns: Object.keys(entity.fields ?? {}).slice(0, 5).map((field) => ({ field })),
  cardFields: [],
});

const columnDoc = (c: DesignColumn): ViewColumn => {
  const hasLabel = c.label && (c.label.en.trim() || c.label['zh-CN'].trim());
  if (!hasLabel && !c.width) return c.field;
  return { field: c.field, ...(hasLabel ? { label: c.label } : {}), ...(c.width ? { width: c.width } : {}) };
};

/** The view document a design saves as (sparse: options of other types and empty values left out). */
export const toViewDocument = (d: ViewDesign, entity: string, id?: string): ViewDocument => {
  const doc: ViewDocument = { kind: 'view', name: d.name, label: d.label, entity, columns: d.columns.map(columnDoc) };
  if (id) doc.id = id;
  if (d.type !== 'list') doc.type = d.type;
  doc.default = d.isDefault;
  if (d.sort?.field) doc.sort = [{ field: d.sort.field, ...(d.sort.direction === 'desc' ? { direction: 'desc' as const } : {}) }];
  if (d.filter !== undefined && d.filter !== null) doc.filter = d.filter;
  if (d.pageSize) doc.pageSize = d.pageSize;
  if (d.type === 'kanban') doc.kanban = { field: d.kanbanField ?? '', ...(d.cardFields.length ? { cardFields: d.cardFields } : {}) };
  if (d.type === 'calendar') {
    doc.calendar = { dateField: d.dateField ?? '' };
    if (d.endField) doc.calendar.endField = d.endField;
    if (d.titleField) doc.calendar.titleField = d.titleField;
  }
  return doc;
};
