import { forbidden, problem } from '../../errors.js';
import type { Actor } from '../actor.js';
import { hasActionRight } from './entity-rights.js';
import { assertWriteScope } from './write-scope.js';
import type { EntityRights } from './types.js';

/**
 * Refuses (403) a write the actor's rights do not cover, before anything is written:
 * an entity outside a service account's write scope,
 * creating without the create right, any field that is not writable for the actor
 * (never silently dropped), and setting `owner_id` to someone else without the
 * `<entity>.assign` right.
 */
export const checkWrite = (entity: string, rights: EntityRights, values: Record<string, unknown>, actor: Actor, old?: Record<string, unknown>): void => {
  assertWriteScope(entity, actor);
  if (rights.unrestricted) return;
  if (!old && !rights.create) throw problem('NO_CREATE_RIGHT', { entity });
  const refused = Object.keys(values).filter((k) => rights.fields[k] !== undefined && rights.fields[k] !== 'write');
  if (refused.length) {
    throw forbidden(`You may not change ${refused.map((f) => `"${f}"`).join(', ')}`, {
      errors: refused.map((f) => ({ field: f, message: rights.fields[f] === 'read' ? 'is read-only for you' : 'is not accessible to you', code: 'FIELD_NOT_WRITABLE' })),
    });
  }
  if ('owner_id' in values) {
    const changes = old ? values.owner_id !== old.owner_id : values.owner_id !== actor.id;
    if (changes && !hasActionRight(rights, `${entity}.assign`)) {
      throw forbidden(`Assigning ${entity} records to someone else needs the "${entity}.assign" right`, { errors: [{ field: 'owner_id', message: 'needs the assign right', code: 'NO_ASSIGN_RIGHT' }] });
    }
  }
};
