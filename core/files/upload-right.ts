import { forbidden } from '../errors.js';
import { accessOf } from '../records/access.js';
import { entityOf } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';

/**
 * Refuses (403) an upload for a field the actor may not write: it needs the right to
 * create records of the entity or to change some of them, and write access to the field.
 * An unknown entity is 404. Checked before the field's type, so a user without rights
 * learns nothing about the entity's fields.
 */
export const checkUploadRight = (target: { entity: string; field: string }, ctx: RecordContext): void => {
  const { rights } = accessOf(entityOf(target.entity, ctx), ctx);
  if (rights.unrestricted) return;
  const writesRecords = rights.create || rights.scopes.update.length > 0;
  const field = Object.prototype.hasOwnProperty.call(rights.fields, target.field) ? rights.fields[target.field] : undefined;
  if (writesRecords && field === 'write') return;
  throw forbidden(`You may not attach files to ${target.entity}.${target.field.slice(0, 80)}`, {
    code: 'NO_UPLOAD_RIGHT',
    errors: [{ field: 'field', message: 'is not writable for you', code: 'FIELD_NOT_WRITABLE' }],
  });
};
