import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../../metadata/types.js';
import { READ_ONLY_TYPES, SYSTEM_FIELDS } from '../../records/entity-fields.js';
import { fieldSchema } from '../../records/entity-validator.js';
import type { Schema } from './shared.js';

/** The system keys of a record, as a whole-record read or any write returns them (always present). */
const SYSTEM: Record<keyof typeof SYSTEM_FIELDS, Schema> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  version: { type: 'integer', minimum: 1, readOnly: true, description: 'Send it back as If-Match to update or delete' },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  owner_id: { type: ['string', 'null'], format: 'uuid' },
  deleted_at: { type: ['string', 'null'], format: 'date-time', readOnly: true, description: 'When the record went to the recycle bin; null for a live record' },
};

const enumValues = (field: FieldDefinition, meta: EffectiveMeta): string[] | undefined => {
  if (field.type !== 'enum' && field.type !== 'multi_enum') return undefined;
  const items = field.dictionary ? meta.dictionaries[field.dictionary]?.items.filter((i) => i.active !== false) : field.options;
  return items?.map((i) => i.value);
};

const readOnlySchema = (field: FieldDefinition): Schema => {
  if (field.type === 'many_to_many') return { type: 'array', items: { type: 'string', format: 'uuid' } };
  if (field.type === 'auto_number') return { type: ['string', 'null'] };
  if (field.type === 'rollup') return { type: ['number', 'null'] };
  if (field.type === 'formula') return { type: field.resultType === 'integer' || field.resultType === 'decimal' ? ['number', 'null'] : field.resultType === 'boolean' ? ['boolean', 'null'] : ['string', 'null'] };
  return {};
};

/**
 * The same range with one bound per side: the validator's schema keeps the column's
 * exclusive limit beside the metadata's min/max; the tighter of each pair is the one in force.
 */
const oneBoundPerSide = (s: Schema): Schema => {
  const out = { ...s };
  if (out.minimum !== undefined && typeof out.exclusiveMinimum === 'number') {
    if (out.minimum > out.exclusiveMinimum) delete out.exclusiveMinimum;
    else delete out.minimum;
  }
  if (out.maximum !== undefined && typeof out.exclusiveMaximum === 'number') {
    if (out.maximum < out.exclusiveMaximum) delete out.exclusiveMaximum;
    else delete out.maximum;
  }
  return out;
};

/** A field's schema in the document: the record validator's own (ajv) schema plus labels and picklists. */
const propertyOf = (field: FieldDefinition, meta: EffectiveMeta): Schema => {
  const base: Schema = READ_ONLY_TYPES.has(field.type) ? { ...readOnlySchema(field), readOnly: true } : oneBoundPerSide(fieldSchema(field) as Schema);
  const values = enumValues(field, meta);
  if (values && field.type === 'enum') base.enum = [...values, null];
  if (values && field.type === 'multi_enum') base.items = { type: 'string', enum: values };
  if (field.label) base.title = field.label.en;
  if (field.label) base.description = `${field.label.en} / ${field.label['zh-CN']}`;
  return base;
};

/** A required field's value as a write must give it: not null. */
const nonNull = (s: Schema): Schema => ({
  ...s,
  ...(Array.isArray(s.type) && { type: s.type.filter((t) => t !== 'null') }),
  ...(Array.isArray(s.enum) && { enum: s.enum.filter((v) => v !== null) }),
});

/**
 * The schemas of one entity: `<entity>` as read (system keys required; fields may be hidden
 * from the user, so they are not), `<entity>_input` for a create (the metadata's required
 * fields) and `<entity>_patch` for an update or upsert.
 */
export const entitySchemas = (e: EntityDocument, meta: EffectiveMeta): Record<string, Schema> => {
  const props = Object.fromEntries(Object.entries(e.fields ?? {}).map(([n, f]) => [n, propertyOf(f, meta)]));
  const writable = Object.fromEntries(Object.entries(props).filter(([, s]) => !s.readOnly));
  const required = Object.entries(e.fields ?? {}).filter(([, f]) => f.required && !READ_ONLY_TYPES.has(f.type)).map(([n]) => n);
  const input = { ...Object.fromEntries(Object.entries(writable).map(([n, v]) => [n, required.includes(n) ? nonNull(v) : v])), owner_id: SYSTEM.owner_id };
  return {
    [e.name]: {
      type: 'object',
      title: e.label?.en ?? e.name,
      description: 'A record. With `fields=` a read returns only `id` and the fields named.',
      required: Object.keys(SYSTEM),
      properties: { ...SYSTEM, ...props },
    },
    [`${e.name}_input`]: { type: 'object', additionalProperties: false, properties: input, ...(required.length && { required }) },
    [`${e.name}_patch`]: { type: 'object', additionalProperties: false, properties: input },
  };
};
