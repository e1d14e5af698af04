import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { isAppError, problem } from '../errors.js';
import { getRecord } from '../records/index.js';
import type { Actor, RecordData } from '../records/types.js';
import { entityRights } from '../security/access/index.js';
import { createPortalUser, issuePortalToken, type PortalUser } from '../security/index.js';
import { openTenantWork, type WorkContext } from './open-tenant-work.js';
import { SYSTEM_ACTOR } from './system-work.js';

/** The actor a portal user works as: never an admin, only their portal role, `$user.<key>` from their linked record. */
export const portalActor = (user: PortalUser, attributes: Actor['attributes']): Actor => ({
  id: `portal:${user.id}`,
  name: user.name,
  roles: [user.role],
  team: null,
  isAdmin: false,
  attributes,
});

const attributeValue = (v: unknown): string | number | boolean | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

/**
 * Opens tenant work (door `portal`) for a portal user: in the same transaction their linked
 * record is read (as the system) and their portal role's attributes taken from it, then `fn`
 * runs with the record service as the portal user. A role no installed plugin declares for
 * the user's linked entity gives no rights at all (403).
 */
export const openPortalWork = async <T>(knex: Knex, input: { tenant: Tenant; user: PortalUser }, fn: (ctx: WorkContext) => Promise<T>): Promise<T> =>
  openTenantWork(knex, { tenant: input.tenant, actor: SYSTEM_ACTOR, door: 'portal' }, async (wctx) => {
    const attributes = await portalAttributes(input.user, wctx);
    if (!attributes) throw problem('FORBIDDEN');
    return fn({ ...wctx, actor: portalActor(input.user, attributes) });
  });

/**
 * A portal user's `$user.<key>` values, read (as the system, in `wctx`'s transaction) from
 * their linked record as their portal role names them; undefined when no installed plugin
 * declares that role for the user's linked entity.
 */
export const portalAttributes = async (user: PortalUser, wctx: WorkContext): Promise<NonNullable<Actor['attributes']> | undefined> => {
  const def = wctx.runtime.portalRole(user.role);
  if (!def || def.linkedEntity !== user.linkedEntity) return undefined;
  let linked: RecordData | undefined;
  try {
    linked = await getRecord(def.linkedEntity, user.linkedId, { ...wctx, actor: SYSTEM_ACTOR });
  } catch (e) {
    if (!isAppError(e) || e.status !== 404) throw e;
  }
  return Object.fromEntries(Object.entries(def.attributes).map(([key, field]) => [key, attributeValue(linked?.[field])]));
};

/** 404 PORTAL_NO_ENTITY unless the portal user's role grants something on the entity (create or a read, update or delete scope). */
export const assertPortalEntity = (entity: string, ctx: WorkContext): void => {
  const doc = ctx.meta.entities[entity];
  const rights = doc && entityRights(doc, ctx.actor, ctx.meta);
  if (!rights || (!rights.create && !rights.scopes.read.length && !rights.scopes.update.length)) throw problem('PORTAL_NO_ENTITY', { entity });
};

/**
 * A staff member invites someone outside the company, from a record: the role must be a
 * portal role of the tenant's plugins linked to that record's entity, and the staff member
 * must be able to read the record. Makes the portal user (no password yet) and a 7-day
 * invitation token, which the caller delivers (e-mail, or shown to the admin).
 */
export const invitePortalUser = async (
  knex: Knex,
  input: { tenant: Tenant; actor: Actor; entity: string; id: string; email: string; name: string; role: string },
): Promise<{ user: PortalUser; token: string; expiresAt: string }> => {
  await openTenantWork(knex, { tenant: input.tenant, actor: input.actor, door: 'http' }, async (ctx) => {
    const def = ctx.runtime.portalRole(input.role);
    if (!def || def.linkedEntity !== input.entity) throw problem('PORTAL_ROLE_UNKNOWN', { role: input.role }, { errors: [{ field: 'role', message: `not a portal role for ${input.entity}` }] });
    await getRecord(input.entity, input.id, ctx);
  });
  const user = await createPortalUser(
    { tenantId: input.tenant.id, email: input.email, name: input.name, role: input.role, linkedEntity: input.entity, linkedId: input.id, createdBy: input.actor.id },
    { knex },
  );
  return { user, ...(await issuePortalToken(knex, { userId: user.id, purpose: 'invitation' })) };
};
