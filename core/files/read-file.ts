import { notFound } from '../errors.js';
import { accessOf } from '../records/access.js';
import { fieldOf, isUuid } from '../records/entity-fields.js';
import { readRecord } from '../records/get-record.js';
import type { RecordContext } from '../records/types.js';
import type { StoredFile } from './store-file.js';
import { uploaderOf } from '../records/uploader.js';

interface FileRow extends StoredFile {
  data: Uint8Array;
  created_by: string | null;
  entity: string | null;
  field: string | null;
  record_id: string | null;
}

/**
 * Whether the actor may read a file: an unattached upload only its uploader; an attached
 * (or detached, kept for history) file whoever may read its record (in the recycle bin
 * too) and the field it belongs to.
 */
const mayRead = async (row: FileRow, ctx: RecordContext): Promise<boolean> => {
  if (!row.record_id) return row.created_by !== null && row.created_by === uploaderOf(ctx.actor);
  const doc = row.entity && Object.prototype.hasOwnProperty.call(ctx.meta.entities, row.entity) ? ctx.meta.entities[row.entity] : undefined;
  if (!doc || !row.field || fieldOf(doc, row.field)?.type !== 'attachment') return false;
  const { rights, hidden } = accessOf(doc, ctx);
  if (hidden.has(row.field) || (!rights.unrestricted && !rights.scopes.read.length)) return false;
  return Boolean(await readRecord(doc, row.record_id, ctx, { fields: ['id'], scope: 'read', includeDeleted: true }));
};

/** A stored file with its bytes, or 404: for a missing file and for one the actor may not read alike. */
export const readFile = async (id: string, ctx: RecordContext): Promise<StoredFile & { data: Buffer }> => {
  const row: FileRow | undefined = isUuid(id)
    ? await ctx.db('_files').where({ id }).first('id', 'name', 'type', 'size', 'sha256', 'data', 'created_by', 'entity', 'field', 'record_id')
    : undefined;
  if (!row || !(await mayRead(row, ctx))) throw notFound('No such file');
  // PGlite answers bytea as a Uint8Array, pg as a Buffer; Koa sends only a Buffer as bytes.
  return { id: row.id, name: row.name, type: row.type, size: Number(row.size), sha256: row.sha256, data: Buffer.from(row.data) };
};
