/* Generated from metadata/schemas/dictionary.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A data dictionary (数据字典): admin-managed picklist values used by enum fields.
 */
export interface DictionaryDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'dictionary';
  id?: string;
  name: string;
  label?: Label;
  description?: Label;
  items: DictionaryItem[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface DictionaryItem {
  value: string;
  label: Label;
  /**
   * An inactive item stays valid on old records but is not offered.
   */
  active?: boolean;
  order?: number;
  color?: string;
  /**
   * Value of the parent item, for a tree of values.
   */
  parent?: string;
  /**
   * Values that go with the item for rules and plugin code to read (e.g. hours of a service level).
   */
  attributes?: {
    [k: string]: string | number | boolean;
  };
}
