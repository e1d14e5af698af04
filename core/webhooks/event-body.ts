import type { Knex } from 'knex';
import { isAppError } from '../errors.js';
import type { EffectiveMeta } from '../metadata/types.js';
import { getRecord, type Actor } from '../records/index.js';
import { entityRights, hiddenFields } from '../security/access/index.js';
import type { EventPayload } from './types.js';

/**
 * The event as the subscription's owner may see it, read in the tenant transaction `db`:
 * undefined when the owner may not read the record (now), else the payload without the
 * fields hidden from the owner (in `record`, `changed` and a transition's states).
 */
export const bodyForOwner = async (payload: EventPayload, deliveryId: string, owner: Actor, meta: EffectiveMeta, db: Knex.Transaction): Promise<Record<string, unknown> | undefined> => {
  const doc = meta.entities[payload.entity];
  if (!doc) return undefined;
  try {
    await getRecord(payload.entity, payload.recordId, { db, meta, actor: owner }, { includeDeleted: true, fields: ['id'] });
  } catch (e) {
    if (isAppError(e) && (e.status === 403 || e.status === 404)) return undefined;
    throw e;
  }
  const hidden = hiddenFields(doc, entityRights(doc, owner, meta));
  const record = Object.fromEntries(Object.entries(payload.record).filter(([k]) => !hidden.has(k)));
  const transition = payload.transition && (payload.transition.field && hidden.has(payload.transition.field) ? { name: payload.transition.name } : payload.transition);
  return {
    id: deliveryId,
    event: payload.event,
    entity: payload.entity,
    recordId: payload.recordId,
    version: payload.version,
    changed: payload.changed.filter((f) => !hidden.has(f)),
    occurredAt: payload.occurredAt,
    ...(transition && { transition }),
    record,
  };
};
