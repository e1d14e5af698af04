import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { StoredFile } from './store-file.js';

/** What owns a file that no attachment field holds: e.g. `{ entity: '_mail', field: 'attachments', recordId: <message id> }`. */
export interface FileOwner {
  entity: string;
  field: string;
  recordId: string;
}

/**
 * Stores bytes the engine itself received (an e-mail's attachments) in the tenant's
 * `_files`, attached at once to their owner so the sweep of unattached uploads leaves them.
 * No user uploads them, so no field's rights or limits apply; the caller sets its own limits.
 */
export const storeOwnedFile = async (db: Knex, file: { name: string; type: string; data: Buffer }, owner: FileOwner): Promise<StoredFile> => {
  const name = (file.name.replace(/[\u0000-\u001f/\\]/g, '_').trim() || 'attachment').slice(0, 255);
  const type = file.type.split(';')[0].trim().slice(0, 100) || 'application/octet-stream';
  const stored: StoredFile = { id: uuidv7(), name, type, size: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex') };
  await db('_files').insert({ ...stored, data: file.data, entity: owner.entity, field: owner.field, record_id: owner.recordId, attached_at: db.fn.now() });
  return stored;
};
