import type { EntityDocument, FieldDefinition } from '../metadata/types.js';
import { invalidInput, type FieldProblem } from '../errors.js';
import { fileProblem } from '../metadata/attachment-limits.js';
import { attachmentItems } from './attachment-items.js';
import { fieldOf } from './entity-fields.js';
import type { RecordContext, RecordData } from './types.js';
import { uploaderOf } from './uploader.js';
import { uploadedInTransaction } from './uploads-in-transaction.js';

interface FileRow {
  id: string;
  name: string;
  type: string;
  size: number | string;
  sha256: string;
  created_by: string | null;
  entity: string | null;
  field: string | null;
  record_id: string | null;
}

type AttachmentField = Extract<FieldDefinition, { type: 'attachment' }>;

/** The attachment fields a write sets. */
export const attachmentFieldsOf = (entity: EntityDocument, values: RecordData): string[] =>
  Object.keys(values).filter((k) => fieldOf(entity, k)?.type === 'attachment');

const limitProblem = (name: string, field: AttachmentField, row: FileRow): FieldProblem | undefined => {
  const p = fileProblem(field, { name: row.name, type: row.type, size: Number(row.size) });
  if (p?.code === 'FILE_TOO_LARGE') return { field: name, message: `holds a file larger than ${p.maxMb} MB`, code: p.code };
  if (p?.code === 'FILE_TYPE_NOT_ALLOWED') return { field: name, message: `holds a file of a type it does not take (${p.accept.join(', ')})`, code: p.code };
  return undefined;
};

/**
 * Checks the attachment values of a write (after validateWrite: shapes and counts are
 * fine) and answers the values with each file as stored (id, name, type, size, sha256;
 * whatever else the client sent about a file is not kept). Each file must be stored in
 * this tenant and be either an upload of the actor's not yet attached to anything (or a
 * file stored by this same transaction: server code attaching what it stored), or
 * one `recordId`'s field already holds (or held: undo brings back a detached file). A
 * newly attached file must fit the field's size and type limits. The files are locked
 * until the transaction ends, so two saves cannot both take one upload. 400 naming the
 * field; a missing file and someone else's read alike.
 */
export const checkAttachments = async (input: { entity: EntityDocument; values: RecordData; recordId?: string }, ctx: RecordContext): Promise<RecordData> => {
  const { entity, values, recordId } = input;
  const names = attachmentFieldsOf(entity, values);
  const ids = [...new Set(names.flatMap((n) => attachmentItems(values[n])).filter((id): id is string => id !== undefined))];
  if (!ids.length) return values;
  const rows: FileRow[] = await ctx.db('_files').whereIn('id', ids).forUpdate().select('id', 'name', 'type', 'size', 'sha256', 'created_by', 'entity', 'field', 'record_id');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: FieldProblem[] = [];
  const used = new Set<string>();
  const out: RecordData = { ...values };
  for (const name of names) {
    const field = fieldOf(entity, name) as AttachmentField;
    const files: Record<string, unknown>[] = [];
    for (const id of attachmentItems(values[name])) {
      const row = id === undefined ? undefined : byId.get(id);
      const held = Boolean(row && recordId && row.record_id === recordId && row.entity === entity.name && row.field === name);
      const mine = Boolean(row && row.record_id === null && ((row.created_by !== null && row.created_by === uploaderOf(ctx.actor)) || uploadedInTransaction(ctx.db, row.id)));
      if (!row || !(held || mine)) {
        problems.push({ field: name, message: 'names a file that is not yours to attach: upload it again', code: 'FILE_NOT_AVAILABLE' });
        continue;
      }
      if (used.has(row.id)) {
        problems.push({ field: name, message: 'names one file twice', code: 'FILE_REPEATED' });
        continue;
      }
      used.add(row.id);
      const limit = held ? undefined : limitProblem(name, field, row);
      if (limit) problems.push(limit);
      files.push({ id: row.id, name: row.name, type: row.type, size: Number(row.size), sha256: row.sha256 });
    }
    if (values[name] !== null) out[name] = Array.isArray(values[name]) ? files : (files[0] ?? null);
  }
  if (problems.length) {
    throw invalidInput(`The ${entity.name} is not valid: check ${[...new Set(problems.map((p) => p.field))].join(', ')}`, problems);
  }
  return out;
};
