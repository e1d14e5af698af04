import type { EntityDocument } from '../metadata/types.js';
import { notFound, problem } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { assertWriteScope, type Operation } from '../security/access/index.js';
import { assertReadsEntity, scopeWhere } from './access.js';
import { entityOf, isUuid } from './entity-fields.js';
import { MAIN, newQueryState } from './record-scope.js';
import { selectRecords } from './select-records.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext, RecordData } from './types.js';

export interface ReadOptions {
  fields?: string[];
  includeDeleted?: boolean;
  /** Lock the row until the transaction ends (before changing it). */
  forUpdate?: boolean;
  /** Only a row the actor may read / update / delete (a missing scope reads any row: internal reads). */
  scope?: Operation;
  /** A user-facing read: `fields` cannot name hidden fields and hidden fields are left out. */
  guarded?: boolean;
}

/** The whole record (every field, for validation and history), or undefined. */
export const readRecord = async (entity: EntityDocument, id: string, ctx: RecordContext, opts: ReadOptions = {}): Promise<RecordData | undefined> => {
  if (!isUuid(id)) return undefined;
  const state = newQueryState();
  const where: SqlFragment[] = [{ sql: '?? = ?', bindings: [`${MAIN}.id`, id] }];
  if (!opts.includeDeleted) where.push({ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] });
  const allowed = opts.scope ? scopeWhere(entity, opts.scope, ctx, state) : undefined;
  if (allowed) where.push(allowed);
  const { records } = await selectRecords({ entity, fields: opts.fields, where, state, forUpdate: opts.forUpdate, guarded: opts.guarded }, ctx);
  return records[0];
};

export const missing = (entity: string, id: string) => notFound(`No ${entity} with id ${String(id).slice(0, 80)}`);

/**
 * The row for a change the actor may make, locked; else 404 when the actor cannot even
 * read it (the same answer as a random id) or 403 when it can read but not change it
 * (or the entity is outside a service account's write scope).
 */
export const readForChange = async (entity: EntityDocument, id: string, op: 'update' | 'delete', ctx: RecordContext, opts: { includeDeleted?: boolean } = {}): Promise<RecordData> => {
  assertWriteScope(entity.name, ctx.actor);
  const row = await readRecord(entity, id, ctx, { forUpdate: true, scope: op, includeDeleted: opts.includeDeleted });
  if (row) return row;
  if (await readRecord(entity, id, ctx, { scope: 'read', includeDeleted: opts.includeDeleted })) {
    throw problem('NO_RIGHT', { entity, op });
  }
  throw missing(entity.name, id);
};

/** One record with its formulas, roll-ups and links; 404 when missing, deleted (unless asked) or not a uuid. */
export async function getRecord(entity: string, id: string, ctx: RecordContext, opts: { fields?: string[]; includeDeleted?: boolean } = {}): Promise<RecordData> {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  let record: RecordData | undefined;
  try {
    record = await readRecord(doc, id, ctx, { fields: opts.fields, includeDeleted: opts.includeDeleted, scope: 'read', guarded: true });
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  if (!record) throw missing(entity, id);
  return record;
}

/**
 * 403 NO_RIGHT unless the actor may `op` the record (for work done on a user's behalf by
 * something that is not the record service itself, e.g. a workflow started by hand).
 */
export async function assertRecordRight(entity: string, id: string, op: 'update' | 'delete', ctx: RecordContext): Promise<void> {
  const doc = entityOf(entity, ctx);
  assertWriteScope(doc.name, ctx.actor);
  if (await readRecord(doc, id, ctx, { scope: op })) return;
  throw problem('NO_RIGHT', { entity, op });
}

/** Whether the actor may `op` the record: assertRecordRight's answer without the refusal. */
export async function hasRecordRight(entity: string, id: string, op: 'update' | 'delete', ctx: RecordContext): Promise<boolean> {
  try {
    await assertRecordRight(entity, id, op, ctx);
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 403) return false;
    throw e;
  }
}
