import type { EntityDocument, FieldDefinition } from '../metadata/types.js';
import type { ColumnType, ValueType } from '../rules/index.js';
import { notFound } from '../errors.js';
import type { RecordContext } from './types.js';

/** System columns a record's JSON carries, with their rule types. `_search` stays internal. */
export const SYSTEM_FIELDS: Readonly<Record<string, ValueType>> = {
  id: 'uuid',
  version: 'number',
  created_at: 'datetime',
  created_by: 'uuid',
  updated_at: 'datetime',
  updated_by: 'uuid',
  owner_id: 'uuid',
  deleted_at: 'datetime',
};

/** The column types of the system columns a rule may read. */
export const SYSTEM_COLUMN_TYPES: Readonly<Record<string, ColumnType>> = {
  id: 'uuid',
  version: 'integer',
  created_at: 'timestamptz',
  created_by: 'uuid',
  updated_at: 'timestamptz',
  updated_by: 'uuid',
  owner_id: 'uuid',
  deleted_at: 'timestamptz',
};

/** Fields computed when read; they have no column. */
export const VIRTUAL_TYPES: ReadonlySet<string> = new Set(['formula', 'rollup', 'many_to_many']);
/** Fields no input may set. */
export const READ_ONLY_TYPES: ReadonlySet<string> = new Set(['formula', 'rollup', 'many_to_many', 'auto_number']);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** The entity document, or 404 naming it. */
export const entityOf = (name: string, ctx: RecordContext): EntityDocument => {
  const doc = Object.prototype.hasOwnProperty.call(ctx.meta.entities, name) ? ctx.meta.entities[name] : undefined;
  if (!doc) throw notFound(`Entity "${name}" does not exist`);
  return doc;
};

export const fieldOf = (entity: EntityDocument, name: string): FieldDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(entity.fields ?? {}, name) ? entity.fields[name] : undefined;

/** Names of the fields stored in columns, in document order. */
export const storedFields = (entity: EntityDocument): string[] =>
  Object.entries(entity.fields ?? {})
    .filter(([, f]) => !VIRTUAL_TYPES.has(f.type))
    .map(([n]) => n);

/** The rule type of a stored or computed field. */
export const valueTypeOf = (field: FieldDefinition, meta?: { childField?: FieldDefinition }): ValueType => {
  switch (field.type) {
    case 'text': case 'long_text': case 'email': case 'phone': case 'url': case 'enum': case 'auto_number':
      return 'text';
    case 'integer': case 'decimal': case 'currency': case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'multi_enum': case 'many_to_many':
      return 'text_array';
    case 'reference': case 'user':
      return 'uuid';
    case 'json': case 'attachment':
      return 'json';
    case 'formula':
      return field.resultType === 'integer' || field.resultType === 'decimal' ? 'number' : field.resultType;
    case 'rollup':
      if (field.aggregate === 'min' || field.aggregate === 'max') return meta?.childField ? valueTypeOf(meta.childField) : 'number';
      return 'number';
  }
};

/**
 * The type of the column a stored field is kept in, as a rule's constants are cast to it
 * (see core/schema/column-type.ts; numeric of any precision is `numeric`); undefined for
 * fields whose column a comparison with a scalar cannot use (lists, JSON) or that have none.
 */
export const columnTypeOfField = (field: FieldDefinition): ColumnType | undefined => {
  switch (field.type) {
    case 'text': case 'long_text': case 'email': case 'phone': case 'url': case 'enum': case 'auto_number':
      return 'text';
    case 'integer':
      return 'bigint';
    case 'decimal': case 'currency': case 'percent':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz';
    case 'reference': case 'user':
      return 'uuid';
    default:
      return undefined;
  }
};

/** Postgres type to cast a text value back to, for sortable rule types. */
export const SQL_CAST: Partial<Record<ValueType, string>> = {
  text: 'text',
  number: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  uuid: 'uuid',
};
