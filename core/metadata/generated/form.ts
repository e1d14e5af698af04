/* Generated from metadata/schemas/form.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;
/**
 * A field name, or a field with layout options.
 */
export type FormItem = string | FormField;

/**
 * A record form layout: sections (optionally grouped in tabs) of fields and related lists.
 */
export interface FormDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'form';
  id?: string;
  name: string;
  label?: Label;
  entity: string;
  tabs?: FormTab[];
  sections?: FormSection[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface FormTab {
  name: string;
  label: Label;
  visibleWhen?: JsonLogic;
  sections: FormSection[];
}
/**
 * A group of fields in `columns` columns, or a list of related records.
 */
export interface FormSection {
  name: string;
  label?: Label;
  columns?: number;
  collapsed?: boolean;
  visibleWhen?: JsonLogic;
  fields?: FormItem[];
  relatedList?: RelatedList;
}
export interface FormField {
  field: string;
  span?: number;
  readonly?: boolean;
  required?: boolean;
  visibleWhen?: JsonLogic;
}
/**
 * Records of `entity` whose reference `field` points at this record.
 */
export interface RelatedList {
  entity: string;
  field: string;
  columns?: string[];
  sort?: SortOrder[];
  limit?: number;
}
export interface SortOrder {
  field: string;
  direction?: 'asc' | 'desc';
}
