/**
 * Metadata types shared by the engine. The JSON Schemas in metadata/schemas are the
 * source of truth; the document types below are generated from them (see
 * core/metadata/generated) and re-exported here under stable names.
 */
export type Locale = 'en' | 'zh-CN';
export type Label = { en: string; 'zh-CN': string };
export type JsonLogic = unknown;

interface FieldBase {
  /** Stable id, separate from the name, so renames keep data. */
  id?: string;
  label?: Label;
  description?: Label;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  readonly?: boolean;
  default?: unknown;
}

export interface TextField extends FieldBase { type: 'text' | 'long_text' | 'email' | 'phone' | 'url'; minLength?: number; maxLength?: number; pattern?: string }
export interface NumberField extends FieldBase { type: 'integer' | 'decimal' | 'currency' | 'percent'; min?: number; max?: number; precision?: number; scale?: number; currency?: string }
export interface BooleanField extends FieldBase { type: 'boolean' }
export interface DateField extends FieldBase { type: 'date' | 'datetime'; min?: string; max?: string }
export interface EnumOption { value: string; label?: Label; color?: string }
export interface EnumField extends FieldBase { type: 'enum' | 'multi_enum'; dictionary?: string; options?: EnumOption[] }
export interface ReferenceField extends FieldBase { type: 'reference'; entity: string; onDelete?: 'restrict' | 'set_null' | 'cascade' }
export interface ManyToManyField extends FieldBase { type: 'many_to_many'; entity: string; through: string; sourceField: string; targetField: string }
export interface FormulaField extends FieldBase { type: 'formula'; resultType: 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime'; expr: JsonLogic }
export interface RollupField extends FieldBase { type: 'rollup'; relation: string; aggregate: 'sum' | 'count' | 'min' | 'max' | 'avg'; field?: string; filter?: JsonLogic }
export interface AutoNumberField extends FieldBase { type: 'auto_number'; prefix?: string; digits?: number }
export interface JsonField extends FieldBase { type: 'json' }
export interface UserField extends FieldBase { type: 'user' }
export interface AttachmentField extends FieldBase { type: 'attachment'; multiple?: boolean }

export type FieldDefinition =
  | TextField | NumberField | BooleanField | DateField | EnumField | ReferenceField | ManyToManyField
  | FormulaField | RollupField | AutoNumberField | JsonField | UserField | AttachmentField;
export type FieldType = FieldDefinition['type'];

export interface ValidationRule {
  name: string;
  /** json-logic that must be true for a valid record. */
  rule: JsonLogic;
  message: Label;
  /** Fields the message is shown on. */
  fields?: string[];
}

export interface EntityDocument {
  $schema?: string;
  kind: 'entity';
  id?: string;
  name: string;
  label?: Label;
  pluralLabel?: Label;
  icon?: string;
  titleField?: string;
  /** Fields searched by `q`; default: the title field and every text field. */
  searchFields?: string[];
  fields: Record<string, FieldDefinition>;
  rules?: ValidationRule[];
}

export interface DictionaryItem { value: string; label: Label; active?: boolean; order?: number; color?: string }
export interface DictionaryDocument {
  $schema?: string;
  kind: 'dictionary';
  id?: string;
  name: string;
  label?: Label;
  items: DictionaryItem[];
}

export type MetadataKind = 'entity' | 'form' | 'view' | 'lifecycle' | 'workflow' | 'role' | 'report' | 'dashboard' | 'dictionary';
export const METADATA_KINDS: MetadataKind[] = ['entity', 'form', 'view', 'lifecycle', 'workflow', 'role', 'report', 'dashboard', 'dictionary'];

/** Any metadata document: its kind and name, plus the rest of its shape. */
export interface MetadataDocument { kind: MetadataKind; name: string; id?: string; [key: string]: unknown }

/** The metadata in force for one tenant: system → plugins → tenant layers merged. */
export interface EffectiveMeta {
  entities: Record<string, EntityDocument>;
  dictionaries: Record<string, DictionaryDocument>;
  /** Every document by kind and name, entities and dictionaries included. */
  documents: Record<MetadataKind, Record<string, MetadataDocument>>;
}
