/* Generated from metadata/schemas/home-tile.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;

/**
 * A tile of the app's home page ("my day"): records of an entity that match a filter (rule variables such as $user.id and $today, the day in the tenant's zone), shown as a short list, a count, or a measure by group; or the approvals waiting for the user. Read under the user's row scope.
 */
export interface HomeTileDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'home_tile';
  id?: string;
  name: string;
  label: Label;
  empty?: Label1;
  /**
   * records: the entity's records; approvals: the workflow approvals waiting for the user.
   */
  source?: 'records' | 'approvals';
  entity?: string;
  /**
   * list: the first records; count: how many match; group: a measure per value of groupBy.
   */
  show?: 'list' | 'count' | 'group';
  filter?: JsonLogic;
  /**
   * Fields shown beside each listed record's title.
   *
   * @maxItems 3
   */
  fields?: [] | [string] | [string, string] | [string, string, string];
  /**
   * As a list's sort: "-amount,name".
   */
  sort?: string;
  limit?: number;
  groupBy?: string;
  /**
   * With group: the number field summed per group (besides the count).
   */
  sum?: string;
  /**
   * Position on the home page, smallest first.
   */
  order?: number;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label1 {
  en: string;
  'zh-CN': string;
}
