import type { EntityDocument } from '../metadata/types.js';
import { attachmentItems } from './attachment-items.js';
import { attachmentFieldsOf } from './check-attachments.js';
import type { RecordContext, RecordData } from './types.js';

/**
 * After a write (checkAttachments passed): the files each attachment field now holds
 * belong to (entity, record, field); on update, files the field no longer holds are
 * detached (kept, for undo and history, until the sweep's DETACHED_FILE_RETENTION_MS).
 * Fields the write does not set are left alone.
 */
export const linkAttachments = async (entity: EntityDocument, recordId: string, values: RecordData, ctx: RecordContext, opts: { created?: boolean } = {}): Promise<void> => {
  for (const field of attachmentFieldsOf(entity, values)) {
    const ids = attachmentItems(values[field]).filter((id): id is string => id !== undefined);
    if (ids.length) {
      await ctx.db('_files')
        .whereIn('id', ids)
        .update({ entity: entity.name, field, record_id: recordId, attached_at: ctx.db.raw('coalesce(attached_at, now())'), detached_at: null });
    }
    if (opts.created) continue;
    await ctx.db('_files').where({ entity: entity.name, field, record_id: recordId }).whereNull('detached_at').whereNotIn('id', ids).update({ detached_at: ctx.db.fn.now() });
  }
};
