import { problem } from '../errors.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing } from './get-record.js';
import { inSavepoint } from './in-savepoint.js';
import type { RecordContext } from './types.js';
import { writeHistory } from './write-history.js';

/** Days a record stays in the recycle bin before a tenant admin may purge it, unless the settings say otherwise (`recycleBinDays`). */
export const DEFAULT_RECYCLE_BIN_DAYS = 30;

/** The tenant's retention window in days (its settings' `recycleBinDays`, else the default). */
export const recycleBinDays = async (ctx: RecordContext): Promise<number> => {
  const row = await ctx.db('_settings').where({ id: 1 }).first('doc');
  const days = (row?.doc as { recycleBinDays?: unknown } | undefined)?.recycleBinDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_RECYCLE_BIN_DAYS;
};

/**
 * Destroys a record that has been in the recycle bin longer than the retention window
 * (tenant admins only; 409 PURGE_TOO_EARLY before it, NOT_DELETED for a live record), with
 * its shares. The history stays, ending with `action:purge`, so who deleted and who purged
 * it remains known. A record others still reference is refused (409, as for any delete the
 * database's references forbid).
 */
export const purgeRecord = async (entity: string, id: string, ctx: RecordContext): Promise<void> => {
  const doc = entityOf(entity, ctx);
  if (!ctx.actor.isAdmin) throw problem('ADMINS_ONLY');
  if (!isUuid(id)) throw missing(entity, id);
  const days = await recycleBinDays(ctx);
  await inSavepoint(ctx, async (c) => {
    const row = await c.db(doc.name).where({ id }).forUpdate().first('id', 'deleted_at', c.db.raw('deleted_at <= now() - make_interval(days => ?) as due', [days]));
    if (!row) throw missing(entity, id);
    if (!row.deleted_at) throw problem('NOT_DELETED', { entity });
    if (!row.due) throw problem('PURGE_TOO_EARLY', { days: String(days) });
    await c.db('_shares').where({ entity: doc.name, record_id: id }).delete();
    await c.db(doc.name).where({ id }).delete();
    await writeHistory(entity, id, 'action:purge', {}, c);
  });
};
