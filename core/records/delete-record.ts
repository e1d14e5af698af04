import { problem } from '../errors.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing, readForChange, readRecord } from './get-record.js';
import { accessOf, withoutHidden } from './access.js';
import { inSavepoint } from './in-savepoint.js';
import { checkVersion } from './version-check.js';
import { writeHistory } from './write-history.js';
import type { RecordAction, RecordContext, RecordData } from './types.js';

const setDeleted = async (entity: string, id: string, action: 'delete' | 'restore', ctx: RecordContext): Promise<void> => {
  await ctx.db(entity)
    .where({ id })
    .update({
      deleted_at: action === 'delete' ? ctx.db.fn.now() : null,
      version: ctx.db.raw('version + 1'),
      updated_at: ctx.db.fn.now(),
      updated_by: isUuid(ctx.actor.id) ? ctx.actor.id : null,
    });
};

const moveToOrFromBin = async (entity: string, id: string, action: Extract<RecordAction, 'delete' | 'restore'>, ctx: RecordContext, ifMatch?: number) => {
  const doc = entityOf(entity, ctx);
  return inSavepoint(ctx, async (c) => {
    const old = await readForChange(doc, id, 'delete', c, { includeDeleted: true });
    if (action === 'delete' && old.deleted_at) throw missing(entity, id);
    if (action === 'restore' && !old.deleted_at) throw problem('NOT_DELETED', { entity });
    checkVersion(entity, old, ifMatch);
    await c.hooks?.before?.({ entity, action, data: old, old }, c);
    await setDeleted(entity, id, action, c);
    await writeHistory(entity, id, action, {}, c);
    const record = (await readRecord(doc, id, c, { includeDeleted: true }))!;
    await c.hooks?.after?.({ entity, action, data: record, old }, c);
    return withoutHidden(record, accessOf(doc, c).hidden);
  });
};

/** Moves a live record to the recycle bin (soft delete); If-Match as for updates. */
export async function deleteRecord(entity: string, id: string, ctx: RecordContext, opts: { ifMatch?: number } = {}): Promise<void> {
  await moveToOrFromBin(entity, id, 'delete', ctx, opts.ifMatch);
}

/** Brings a record back from the recycle bin (409 if it is not there; a unique value taken meanwhile → 409 naming the field). */
export async function restoreRecord(entity: string, id: string, ctx: RecordContext): Promise<RecordData> {
  return moveToOrFromBin(entity, id, 'restore', ctx);
}
