import type { EntityDocument } from '../metadata/types.js';
import { notFound } from '../errors.js';
import { entityOf, isUuid } from './entity-fields.js';
import { MAIN } from './record-scope.js';
import { selectRecords } from './select-records.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext, RecordData } from './types.js';

export interface ReadOptions {
  fields?: string[];
  includeDeleted?: boolean;
  /** Lock the row until the transaction ends (before changing it). */
  forUpdate?: boolean;
}

/** The record as the API shows it, or undefined. */
export const readRecord = async (entity: EntityDocument, id: string, ctx: RecordContext, opts: ReadOptions = {}): Promise<RecordData | undefined> => {
  if (!isUuid(id)) return undefined;
  const where = [{ sql: '?? = ?', bindings: [`${MAIN}.id`, id] }];
  if (!opts.includeDeleted) where.push({ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] });
  const { records } = await selectRecords({ entity, fields: opts.fields, where, forUpdate: opts.forUpdate }, ctx);
  return records[0];
};

export const missing = (entity: string, id: string) => notFound(`No ${entity} with id ${String(id).slice(0, 80)}`);

/** One record with its formulas, roll-ups and links; 404 when missing, deleted (unless asked) or not a uuid. */
export async function getRecord(entity: string, id: string, ctx: RecordContext, opts: { fields?: string[]; includeDeleted?: boolean } = {}): Promise<RecordData> {
  const doc = entityOf(entity, ctx);
  let record: RecordData | undefined;
  try {
    record = await readRecord(doc, id, ctx, { fields: opts.fields, includeDeleted: opts.includeDeleted });
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  if (!record) throw missing(entity, id);
  return record;
}
