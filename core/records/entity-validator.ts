import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { EntityDocument, FieldDefinition, NumberField } from '../metadata/types.js';
import type { FieldProblem } from '../errors.js';
import { MAX_TEXT_LENGTH, maxLengthOf } from '../metadata/text-limits.js';
import { READ_ONLY_TYPES } from './entity-fields.js';

type Schema = Record<string, unknown>;

const PRECISION: Record<NumberField['type'], [number, number]> = { integer: [19, 0], decimal: [18, 4], currency: [18, 2], percent: [9, 4] };

/** Numbers stay inside their column: min/max from metadata, and the numeric(p,s) range. */
const numberSchema = (field: NumberField): Schema => {
  if (field.type === 'integer') {
    return { type: ['integer', 'null'], minimum: field.min ?? Number.MIN_SAFE_INTEGER, maximum: field.max ?? Number.MAX_SAFE_INTEGER };
  }
  const [p, s] = PRECISION[field.type];
  const limit = 10 ** ((field.precision ?? p) - (field.scale ?? s));
  return {
    type: ['number', 'null'],
    exclusiveMinimum: -limit,
    exclusiveMaximum: limit,
    ...(field.min !== undefined && { minimum: field.min }),
    ...(field.max !== undefined && { maximum: field.max }),
  };
};

/** The JSON Schema of one writable field's value (null always allowed; `required` is checked apart). */
export const fieldSchema = (field: FieldDefinition): Schema => {
  switch (field.type) {
    case 'text': case 'long_text': case 'email': case 'phone': case 'url':
      return {
        type: ['string', 'null'],
        ...(field.minLength !== undefined && { minLength: field.minLength }),
        maxLength: maxLengthOf(field) ?? MAX_TEXT_LENGTH,
        ...(field.type === 'email' && { format: 'email' }),
        ...(field.type === 'url' && { format: 'uri' }),
      };
    case 'integer': case 'decimal': case 'currency': case 'percent':
      return numberSchema(field);
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'date':
      return { type: ['string', 'null'], format: 'date' };
    case 'datetime':
      return { type: ['string', 'null'], format: 'date-time' };
    case 'enum':
      return { type: ['string', 'null'] };
    case 'multi_enum':
      return { type: ['array', 'null'], items: { type: 'string' }, uniqueItems: true };
    case 'reference': case 'user':
      return { type: ['string', 'null'], format: 'uuid' };
    case 'attachment':
      return { type: ['object', 'array', 'null'] };
    default:
      return {};
  }
};

const cache = new WeakMap<EntityDocument, ValidateFunction>();

/** The compiled validator of an entity's writable fields, once per entity document. */
export const entityValidator = (entity: EntityDocument): ValidateFunction => {
  let validate = cache.get(entity);
  if (!validate) {
    const properties = Object.fromEntries(
      Object.entries(entity.fields ?? {})
        .filter(([, f]) => !READ_ONLY_TYPES.has(f.type))
        .map(([name, f]) => [name, fieldSchema(f)]),
    );
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    validate = ajv.compile({ type: 'object', properties });
    cache.set(entity, validate);
  }
  return validate;
};

const code = (keyword: string): string => keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** ajv's errors as field problems, one per field and keyword. */
export const schemaProblems = (errors: ErrorObject[] | null | undefined): FieldProblem[] => {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const e of errors ?? []) {
    const field = e.instancePath.split('/')[1] ?? '';
    const key = `${field}\u0000${e.keyword}`;
    if (!field || seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message: e.message ?? 'is not valid', code: code(e.keyword) });
  }
  return out;
};
