import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { invalidInput, notFound, conflict, type FieldProblem } from '../errors.js';
import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../metadata/types.js';
import type { RecordEvent } from './plugin-api.js';

/**
 * INTERIM record writes for plugin code (seeds, record actions) until core/records lands.
 * Same names and shapes as the record service contract — core/index.ts re-exports these
 * and will re-export core/records' instead, with no change to plugins. Minimal on
 * purpose: ids, defaults, auto-numbers, required and picklist checks, the tenant's plugin
 * hooks, optimistic versions and history. No formulas, roll-ups, json-logic rules or search.
 */
export type RecordData = Record<string, unknown>;

export interface RecordHooks {
  before?(event: RecordEvent, ctx: RecordContext): void | Promise<void>;
  after?(event: RecordEvent, ctx: RecordContext): void | Promise<void>;
}

export interface RecordContext {
  /** A transaction inside the tenant's walls. */
  db: Knex.Transaction;
  meta: EffectiveMeta;
  actor: { id: string; name?: string };
  hooks?: RecordHooks;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_COLUMN = new Set(['formula', 'rollup', 'many_to_many']);

const entityOf = (ctx: RecordContext, entity: string): EntityDocument => {
  const doc = ctx.meta.entities[entity];
  if (!doc) throw notFound(`Entity "${entity}" does not exist`);
  return doc;
};

const allowedValues = (ctx: RecordContext, field: FieldDefinition): string[] | undefined => {
  if (field.type !== 'enum' && field.type !== 'multi_enum') return undefined;
  if (field.dictionary) return ctx.meta.dictionaries[field.dictionary]?.items?.map((i) => i.value);
  return field.options?.map((o) => o.value);
};

const check = (ctx: RecordContext, doc: EntityDocument, data: RecordData, creating: boolean): void => {
  const errors: FieldProblem[] = [];
  for (const [name, field] of Object.entries(doc.fields ?? {})) {
    const value = data[name];
    if (field.required && field.type !== 'auto_number' && (creating || name in data) && (value === undefined || value === null || value === '')) {
      errors.push({ field: name, message: 'is required' });
    }
    const allowed = allowedValues(ctx, field);
    const values = Array.isArray(value) ? value : value == null ? [] : [value];
    if (allowed && values.some((v) => !allowed.includes(String(v)))) errors.push({ field: name, message: `must be one of: ${allowed.join(', ')}` });
  }
  for (const name of Object.keys(data)) if (!(name in (doc.fields ?? {})) && name !== 'owner_id') errors.push({ field: name, message: 'is not a field' });
  if (errors.length) throw invalidInput(`The ${doc.name} has ${errors.length} invalid field(s)`, errors);
};

const nextNumber = async (db: Knex.Transaction, entity: string, field: string): Promise<number> => {
  const { rows } = await db.raw(
    `insert into _counters (entity, field, value) values (?, ?, 1) on conflict (entity, field) do update set value = _counters.value + 1 returning value`,
    [entity, field],
  );
  return Number(rows[0].value);
};

const columns = (doc: EntityDocument, data: RecordData): RecordData =>
  Object.fromEntries(
    Object.entries(data)
      .filter(([k]) => k === 'owner_id' || !NO_COLUMN.has(doc.fields?.[k]?.type ?? ''))
      .map(([k, v]) => [k, doc.fields?.[k]?.type === 'json' && v !== null && v !== undefined ? JSON.stringify(v) : v]),
  );

const history = (ctx: RecordContext, entity: string, id: string, action: string, changes: RecordData) =>
  ctx.db('_history').insert({ entity, record_id: id, action, actor_id: UUID.test(ctx.actor.id) ? ctx.actor.id : null, changes: JSON.stringify(changes) });

export const getRecord = async (entity: string, id: string, ctx: RecordContext): Promise<RecordData> => {
  entityOf(ctx, entity);
  const row = UUID.test(id) ? await ctx.db(entity).where({ id }).whereNull('deleted_at').first() : undefined;
  if (!row) throw notFound(`No ${entity} with id ${id}`);
  return row;
};

export const createRecord = async (entity: string, input: RecordData, ctx: RecordContext): Promise<RecordData> => {
  const doc = entityOf(ctx, entity);
  const data: RecordData = { ...input };
  for (const [name, field] of Object.entries(doc.fields ?? {})) if (data[name] === undefined && field.default !== undefined) data[name] = field.default;
  const event: RecordEvent = { entity, action: 'create', data };
  await ctx.hooks?.before?.(event, ctx);
  check(ctx, doc, data, true);
  for (const [name, field] of Object.entries(doc.fields ?? {})) {
    if (field.type === 'auto_number') data[name] = `${field.prefix ?? ''}${String(await nextNumber(ctx.db, entity, name)).padStart(field.digits ?? 1, '0')}`;
  }
  const actor = UUID.test(ctx.actor.id) ? ctx.actor.id : null;
  const [row] = await ctx.db(entity).insert({ id: uuidv7(), ...columns(doc, data), created_by: actor, updated_by: actor, owner_id: data.owner_id ?? actor }).returning('*');
  await history(ctx, entity, row.id, 'create', data);
  await ctx.hooks?.after?.({ entity, action: 'create', data: row }, ctx);
  return row;
};

/** Changes some fields; `expectedVersion`, when given, must be the stored version (else 409). */
export const updateRecord = async (entity: string, id: string, patch: RecordData, ctx: RecordContext, expectedVersion?: number): Promise<RecordData> => {
  const doc = entityOf(ctx, entity);
  const old = await getRecord(entity, id, ctx);
  if (expectedVersion !== undefined && Number(old.version) !== expectedVersion) throw conflict(`The ${entity} was changed by someone else; reload it`);
  const data: RecordData = { ...patch };
  await ctx.hooks?.before?.({ entity, action: 'update', data, old }, ctx);
  check(ctx, doc, data, false);
  const [row] = await ctx.db(entity)
    .where({ id, version: old.version })
    .update({ ...columns(doc, data), version: ctx.db.raw('version + 1'), updated_at: ctx.db.fn.now(), updated_by: UUID.test(ctx.actor.id) ? ctx.actor.id : null })
    .returning('*');
  if (!row) throw conflict(`The ${entity} was changed by someone else; reload it`);
  await history(ctx, entity, id, 'update', data);
  await ctx.hooks?.after?.({ entity, action: 'update', data: row, old }, ctx);
  return row;
};
