import { AppError, invalidInput, notFound, problem } from '../errors.js';
import type { EntityDocument, FieldDefinition } from '../metadata/types.js';
import { createRecord } from './create-record.js';
import { entityOf, fieldOf, isUuid } from './entity-fields.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext, RecordData } from './types.js';
import { updateRecord } from './update-record.js';

const NUMBER_TYPES = new Set(['integer', 'decimal', 'currency', 'percent']);
const KEY_TYPES = new Set(['text', 'email', 'phone', 'url', 'enum', 'auto_number', 'date', 'datetime', 'reference', 'user', ...NUMBER_TYPES]);

export interface UpsertInput {
  /** `id`, an auto-number field or a `unique: true` field of the entity. */
  field: string;
  /** The key's value as the URL carries it (text). */
  value: string;
  data: RecordData;
  /** If-Match: applies to the record found; with no record found, 412. */
  ifMatch?: number;
}

/** Fields that identify one record: auto-numbers and `unique: true` fields of a scalar type. */
export const isKeyField = (field: FieldDefinition | undefined): field is FieldDefinition =>
  !!field && KEY_TYPES.has(field.type) && (field.type === 'auto_number' || field.unique === true);

/** The key field, or 400 naming the fields that could be keys. */
const keyOf = (doc: EntityDocument, name: string): FieldDefinition | undefined => {
  if (name === 'id') return undefined;
  const field = fieldOf(doc, name);
  if (isKeyField(field)) return field;
  const keys = ['id', ...Object.keys(doc.fields ?? {}).filter((n) => isKeyField(fieldOf(doc, n)))];
  throw invalidInput(`"${name}" is not a unique field of ${doc.name}; upsert by one of: ${keys.join(', ')}`, [
    { field: name, message: 'must be id or a unique field', code: 'NOT_A_KEY' },
  ]);
};

/** The URL's text as the field's value. */
const keyValue = (name: string, field: FieldDefinition | undefined, raw: string): unknown => {
  if (!field || field.type === 'reference' || field.type === 'user') {
    if (!isUuid(raw)) throw invalidInput(`${name} must be a uuid`, [{ field: name, message: 'must be a uuid' }]);
    return raw.toLowerCase();
  }
  if (NUMBER_TYPES.has(field.type)) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw invalidInput(`${name} must be a number`, [{ field: name, message: 'must be a number' }]);
    return n;
  }
  return raw;
};

/**
 * Creates or updates the record a key names, in the caller's tenant transaction. The key is
 * `id` or a unique field (else 400). Concurrent upserts of one key take turns on a
 * transaction-level advisory lock for (entity, field, value), so two upserts of a new value
 * make one record: the second finds the first's and updates it. The record found is changed
 * through updateRecord (rights, hooks, If-Match → 409); none found: createRecord with the key
 * set (an id must be a uuid; an auto-number is the engine's to give, so 404). A record in the
 * recycle bin holding an id or auto-number is 409 (restore it first).
 */
export async function upsertRecord(entity: string, input: UpsertInput, ctx: RecordContext): Promise<{ created: boolean; record: RecordData }> {
  const doc = entityOf(entity, ctx);
  const field = keyOf(doc, input.field);
  const value = keyValue(input.field, field, input.value);
  const sent = input.data[input.field];
  if (sent !== undefined && sent !== value && String(sent) !== input.value) {
    throw invalidInput(`The body's ${input.field} differs from the one in the path`, [{ field: input.field, message: 'must equal the value in the path' }]);
  }
  const { [input.field]: _key, ...data } = input.data;
  let found: { id: string; deleted_at: unknown } | undefined;
  try {
    await ctx.db.raw('select pg_advisory_xact_lock(hashtext(?))', [`upsert:${entity}:${input.field}:${String(value)}`]);
    found = await ctx.db(doc.name).where(input.field, value as never).orderByRaw('deleted_at nulls first').first('id', 'deleted_at');
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  if (found && !found.deleted_at) {
    return { created: false, record: await updateRecord(entity, String(found.id), data, ctx, { ifMatch: input.ifMatch }) };
  }
  if (found && (!field || field.type === 'auto_number')) {
    throw problem('IN_RECYCLE_BIN', { entity, field: input.field });
  }
  if (input.ifMatch !== undefined) throw problem('PRECONDITION_FAILED', { entity, field: input.field });
  if (field?.type === 'auto_number') throw notFound(`No ${entity} has ${input.field} ${input.value.slice(0, 80)}; auto-numbers are given by the engine`);
  if (!field) return { created: true, record: await createRecord(entity, data, ctx, { id: String(value) }) };
  return { created: true, record: await createRecord(entity, { ...data, [input.field]: value }, ctx) };
}

