import type { EntityDocument } from '../metadata/types.js';
import { invalidInput } from '../errors.js';
import { isUuid } from './entity-fields.js';
import type { Actor, RecordData } from './types.js';

/**
 * An entity's owner field (`ownerField`, a user field) and owner_id say the same: a write that sets one sets the other,
 * so the rights checks that follow (assigning to someone else needs `<entity>.assign`) and the row scopes see one owner.
 * A new record without either belongs to its creator; the owner field cannot be emptied (the record would be nobody's).
 */
export const withOwnerField = (entity: EntityDocument, values: RecordData, actor: Actor, old?: RecordData): RecordData => {
  const field = entity.ownerField;
  if (!field) return values;
  const owner = values.owner_id !== undefined ? values.owner_id : values[field];
  if (owner === undefined) return old || !isUuid(actor.id) ? values : { ...values, owner_id: actor.id, [field]: actor.id };
  if (values.owner_id !== undefined && values[field] !== undefined && values[field] !== values.owner_id) {
    throw invalidInput(`The ${entity.name}'s ${field} is its owner: send one of ${field} and owner_id, or the same user in both`, [{ field, message: 'is not valid', code: 'INVALID' }]);
  }
  if (owner === null) {
    if (!old && isUuid(actor.id)) return { ...values, owner_id: actor.id, [field]: actor.id };
    throw invalidInput(`The ${entity.name} needs its ${field}`, [{ field, message: 'is required', code: 'REQUIRED' }]);
  }
  return { ...values, owner_id: owner, [field]: owner };
};
