/* Generated from metadata/schemas/entity.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;
/**
 * A field; `type` says which properties it may have.
 */
export type FieldDefinition =
  | TextField
  | NumberField
  | BooleanField
  | DateField
  | EnumField
  | ReferenceField
  | ManyToManyField
  | FormulaField
  | RollupField
  | AutoNumberField
  | JsonField
  | UserField
  | AttachmentField;
export type TextField = FieldBase & TextField1;
export type NumberField = FieldBase & NumberField1;
export type BooleanField = FieldBase & BooleanField1;
export type DateField = FieldBase & DateField1;
/**
 * A picklist: values from a dictionary, or options listed here.
 */
export type EnumField = FieldBase & EnumField1;
/**
 * A lookup: a foreign key to one record of `entity`.
 */
export type ReferenceField = FieldBase & ReferenceField1;
/**
 * Links through the entity `through`, whose `sourceField` references this entity and `targetField` references `entity`.
 */
export type ManyToManyField = FieldBase & ManyToManyField1;
/**
 * A value computed by a json-logic expression over the record (compiled to SQL).
 */
export type FormulaField = FieldBase & FormulaField1;
/**
 * An aggregate over child records; `relation` is "<child entity>.<reference field>".
 */
export type RollupField = FieldBase & RollupField1;
export type AutoNumberField = FieldBase & AutoNumberField1;
export type JsonField = FieldBase & JsonField1;
/**
 * A user of the tenant.
 */
export type UserField = FieldBase & UserField1;
export type AttachmentField = FieldBase & AttachmentField1;

/**
 * An entity: a table of records with typed fields and validation rules.
 */
export interface EntityDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'entity';
  id?: string;
  name: string;
  label?: Label;
  pluralLabel?: Label;
  description?: Label;
  icon?: string;
  /**
   * false: an internal child entity (order lines, bundle items, stock moves), reached from its parent's page and search but not listed in the app's menu. Default true.
   */
  menu?: boolean;
  /**
   * Position within its menu group, smallest first (a plugin's main entity 0); entities without it follow, the group's root entity first.
   */
  menuOrder?: number;
  titleField?: string;
  /**
   * The field that names a record in a given language, where it is not the title field (a team's Chinese name for "zh-CN"): the app titles records, references and pickers by it for people reading that language, and by `titleField` otherwise.
   */
  localeTitleFields?: {
    [k: string]: string;
  };
  /**
   * Received e-mail is linked to the record of this entity whose e-mail field holds the sender, offered to workflows as $payload.contact.
   */
  emailContact?: boolean;
  /**
   * Records of this entity that devices keep for offline work (GET /api/sync/changes): those matching `filter` (json-logic; may use $user and $today) under the user's read scope, at most `max` of them.
   */
  offline?: {
    filter?: JsonLogic;
    max?: number;
  };
  /**
   * A user field that is the record's owner, the one row scopes ("own", "team") read: it and owner_id are kept the same, so whoever it names sees the record. Changing it to someone else needs the `<entity>.assign` right; a new record without it belongs to its creator; it cannot be emptied.
   */
  ownerField?: string;
  /**
   * Up to three fields shown beside the title wherever a record of this entity is picked, to tell records of the same title apart (a contact's customer and mobile; a product's SKU and price).
   *
   * @maxItems 3
   */
  pickerFields?: [] | [string] | [string, string] | [string, string, string];
  /**
   * How a record of this entity is recognised as a possible duplicate of another: a record matches when any one rule matches. Each rule compares one field: `phone` its digits (a leading country code tolerated: the last `digits` digits, default 8, must agree), `email` lower-cased and trimmed, `similar` a trigram similarity (pg_trgm) of at least `threshold` (default 0.6; where pg_trgm is missing, the lower-cased value or its start), `exact` the lower-cased, trimmed value.
   */
  duplicateRules?: DuplicateRule[];
  /**
   * Fields searched by `q`; default: the title field and every text field.
   */
  searchFields?: string[];
  /**
   * Fields keyed by name; a record's JSON uses the same keys.
   */
  fields: {
    [k: string]: FieldDefinition;
  };
  rules?: ValidationRule[];
  /**
   * Criteria-based sharing: the records matching `condition` are shared with every holder of `role` or every member of `team`, to read or edit, on top of what their roles give (for people whose roles read the entity at all).
   */
  sharingRules?: SharingRule[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface DuplicateRule {
  field: string;
  match: 'phone' | 'email' | 'similar' | 'exact';
  threshold?: number;
  digits?: number;
}
/**
 * Properties every field type has.
 */
export interface FieldBase {
  id?: string;
  label?: Label;
  description?: Label;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  readonly?: boolean;
  /**
   * A key kept for the engine and plugins (a composite uniqueness key), never for people: left out of record pages, forms, list columns, filters and exports. The API still reads and writes it.
   */
  internal?: boolean;
  /**
   * Value given to a new record when none is sent.
   */
  default?: unknown;
}
export interface TextField1 {
  type: 'text' | 'long_text' | 'email' | 'phone' | 'url';
  minLength?: number;
  /**
   * Most characters a value may have; when left out: 1,000 (text, email, phone), 2,048 (url), 100,000 (long_text). At most 1,000,000.
   */
  maxLength?: number;
  pattern?: string;
}
export interface NumberField1 {
  type: 'integer' | 'decimal' | 'currency' | 'percent';
  min?: number;
  max?: number;
  precision?: number;
  scale?: number;
  currency?: string;
}
export interface BooleanField1 {
  type: 'boolean';
}
export interface DateField1 {
  type: 'date' | 'datetime';
  min?: string;
  max?: string;
}
export interface EnumField1 {
  type: 'enum' | 'multi_enum';
  dictionary?: string;
  options?: EnumOption[];
}
export interface EnumOption {
  value: string;
  label?: Label;
  color?: string;
  active?: boolean;
}
export interface ReferenceField1 {
  type: 'reference';
  entity: string;
  onDelete?: 'restrict' | 'set_null' | 'cascade';
  dependsOn?: ReferenceDependency;
  /**
   * Fields of this record filled from the referenced record when it is chosen: this record's field → the referenced entity's field (an order line's unit_price from the product's price). The server fills a field the write leaves out; forms fill it as the reference is picked, and it stays editable unless readonly.
   */
  fills?: {
    [k: string]: string;
  };
}
/**
 * The referenced record must agree with this record: its `targetField` holds this record's `field` (an activity's contact belongs to the activity's customer). The server refuses a record that does not (422) and pickers offer only records that do.
 */
export interface ReferenceDependency {
  /**
   * A reference field of this entity.
   */
  field: string;
  /**
   * A reference field of the referenced entity to the same entity as `field`.
   */
  targetField: string;
}
export interface ManyToManyField1 {
  type: 'many_to_many';
  entity: string;
  through: string;
  sourceField: string;
  targetField: string;
}
export interface FormulaField1 {
  type: 'formula';
  resultType: 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';
  expr: JsonLogic;
  /**
   * For a text formula that answers codes: each code's label (and colour), shown in its place in forms, lists and reports.
   */
  options?: EnumOption[];
}
export interface RollupField1 {
  type: 'rollup';
  relation: string;
  aggregate: 'sum' | 'count' | 'min' | 'max' | 'avg';
  field?: string;
  filter?: JsonLogic;
}
export interface AutoNumberField1 {
  type: 'auto_number';
  prefix?: string;
  digits?: number;
}
export interface JsonField1 {
  type: 'json';
}
export interface UserField1 {
  type: 'user';
}
export interface AttachmentField1 {
  type: 'attachment';
  multiple?: boolean;
  /**
   * With `multiple`: at most this many files.
   */
  maxFiles?: number;
  /**
   * Largest file taken, in MB (default and at most 20).
   */
  maxSizeMb?: number;
  /**
   * File types taken: extensions (".pdf") or media types ("image/*", "application/pdf"); default: any.
   *
   * @minItems 1
   */
  accept?: [string, ...string[]];
}
/**
 * A rule every saved record must satisfy.
 */
export interface ValidationRule {
  name: string;
  rule: JsonLogic;
  message: Label;
  /**
   * Fields the message is shown on.
   */
  fields?: string[];
}
export interface SharingRule {
  name: string;
  label?: Label;
  condition: JsonLogic;
  role?: string;
  /**
   * A team's name.
   */
  team?: string;
  access: 'read' | 'edit';
}
