import { problem } from '../../errors.js';
import type { Actor } from '../actor.js';
import type { EntityRights, FieldAccess } from './types.js';

/** Whether the actor's write scope (service accounts) covers the entity; actors without one write what their roles allow. */
export const withinWriteScope = (entity: string, actor: Actor): boolean => !actor.writeScope || actor.writeScope.includes(entity);

/** 403 before anything is written when a service account writes outside its write scope. */
export const assertWriteScope = (entity: string, actor: Actor): void => {
  if (withinWriteScope(entity, actor)) return;
  throw actor.writeScope!.length ? problem('OUTSIDE_WRITE_SCOPE', { entity }) : problem('SERVICE_ACCOUNT_READ_ONLY');
};

/** The rights left outside the write scope: reading as the roles allow, nothing else. */
export const readOnlyRights = (rights: EntityRights): EntityRights => ({
  unrestricted: false,
  create: false,
  scopes: { read: rights.scopes.read, update: [], delete: [] },
  fields: Object.fromEntries(Object.entries(rights.fields).map(([f, a]) => [f, (a === 'write' ? 'read' : a) as FieldAccess])),
  actions: new Set(),
});
