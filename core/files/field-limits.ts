import { invalidInput } from '../errors.js';
import { entityOf, fieldOf } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';
import type { AttachmentLimits } from '../metadata/attachment-limits.js';

/** The limits of the attachment field a file is uploaded for; 404 for an unknown entity, 400 for a field that is not an attachment. */
export const fieldLimits = (target: { entity: string; field: string }, ctx: RecordContext): AttachmentLimits => {
  const def = fieldOf(entityOf(target.entity, ctx), target.field);
  if (def?.type !== 'attachment') {
    throw invalidInput(`${target.entity} has no attachment field "${target.field.slice(0, 80)}"`, [{ field: 'field', message: 'is not an attachment field' }]);
  }
  return def;
};
