import { problem } from '../errors.js';
import { DEFAULT_RECYCLE_BIN_DAYS } from '../tenants/tenant-settings.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing } from './get-record.js';
import { inSavepoint } from './in-savepoint.js';
import type { RecordContext } from './types.js';
import { writeHistory } from './write-history.js';

export { DEFAULT_RECYCLE_BIN_DAYS };

/** The tenant's retention window in days (its settings' `recycleBinDays`, else the default). */
export const recycleBinDays = async (ctx: RecordContext): Promise<number> => {
  const row = await ctx.db('_settings').where({ id: 1 }).first('doc');
  const days = (row?.doc as { recycleBinDays?: unknown } | undefined)?.recycleBinDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_RECYCLE_BIN_DAYS;
};

/** What a purge by hand destroyed, for the audit log. */
export interface PurgedRecord {
  entity: string;
  id: string;
  /** When it had been deleted. */
  deletedAt: string;
  /** Files it held (attached or detached from its fields), gone with it. */
  files: number;
}

/**
 * Destroys a record that has been in the recycle bin longer than the retention window
 * (tenant admins only; 409 PURGE_TOO_EARLY before it, NOT_DELETED for a live record), with
 * its shares and the files stored for it (rows and bytes of `_files`). The history stays,
 * ending with `action:purge`, so who deleted and who purged it remains known. A record
 * others still reference is refused (409, as for any delete the database's references forbid).
 */
export const purgeRecord = async (entity: string, id: string, ctx: RecordContext): Promise<PurgedRecord> => {
  const doc = entityOf(entity, ctx);
  if (!ctx.actor.isAdmin) throw problem('ADMINS_ONLY');
  if (!isUuid(id)) throw missing(entity, id);
  const days = await recycleBinDays(ctx);
  return inSavepoint(ctx, async (c) => {
    const row = await c.db(doc.name).where({ id }).forUpdate().first('id', 'deleted_at', c.db.raw('deleted_at <= now() - make_interval(days => ?) as due', [days]));
    if (!row) throw missing(entity, id);
    if (!row.deleted_at) throw problem('NOT_DELETED', { entity });
    if (!row.due) throw problem('PURGE_TOO_EARLY', { days: String(days) });
    await c.db('_shares').where({ entity: doc.name, record_id: id }).delete();
    await c.db(doc.name).where({ id }).delete();
    const files = (await c.db('_files').where({ entity: doc.name, record_id: id }).delete().returning('id')).length;
    await writeHistory(entity, id, 'action:purge', {}, c);
    return { entity: doc.name, id, deletedAt: new Date(row.deleted_at as string).toISOString(), files };
  });
};
