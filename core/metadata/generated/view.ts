/* Generated from metadata/schemas/view.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A field path, or a field path with display options.
 */
export type ViewColumn =
  | string
  | {
      field: string;
      label?: Label;
      width?: number;
    };
/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;

/**
 * A list view of an entity: columns, filter and sort; shown as a list, a kanban board or a calendar.
 */
export interface ViewDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'view';
  id?: string;
  name: string;
  label: Label;
  entity: string;
  /**
   * Default: list.
   */
  type?: 'list' | 'kanban' | 'calendar';
  /**
   * The view opened first for the entity.
   */
  default?: boolean;
  columns: ViewColumn[];
  filter?: JsonLogic;
  sort?: SortOrder[];
  pageSize?: number;
  kanban?: KanbanOptions;
  calendar?: CalendarOptions;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface SortOrder {
  field: string;
  direction?: 'asc' | 'desc';
}
export interface KanbanOptions {
  /**
   * An enum field: one column per value.
   */
  field: string;
  cardFields?: string[];
}
export interface CalendarOptions {
  dateField: string;
  endField?: string;
  titleField?: string;
}
