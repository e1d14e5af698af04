import type { Actor } from '../actor.js';
import type { EffectiveMeta, EntityDocument } from '../../metadata/types.js';
import type { EntityRights, FieldAccess, Grant, Operation, Scope } from './types.js';
import { readOnlyRights, withinWriteScope } from './write-scope.js';

interface RoleEntityAccess {
  create?: boolean;
  read?: Scope;
  update?: Scope;
  delete?: Scope;
  hierarchy?: 'read' | 'edit';
  fields?: Record<string, FieldAccess>;
  /** The access of fields `fields` does not list (default write). */
  otherFields?: FieldAccess;
}
interface RoleDoc {
  name: string;
  entities?: Record<string, RoleEntityAccess>;
  actions?: string[];
}

const RANK: Record<FieldAccess, number> = { hidden: 0, read: 1, write: 2 };
const OPS: Operation[] = ['read', 'update', 'delete'];

const cache = new WeakMap<EffectiveMeta, Map<string, EntityRights>>();

const unrestrictedCache = new WeakMap<EntityDocument, EntityRights>();

/** A tenant admin's rights on an entity: made once per entity document (metadata revision), not per request. */
const unrestricted = (entity: EntityDocument): EntityRights => {
  let rights = unrestrictedCache.get(entity);
  if (!rights) unrestrictedCache.set(entity, (rights = allRights(entity)));
  return rights;
};

const allRights = (entity: EntityDocument): EntityRights => ({
  unrestricted: true,
  create: true,
  scopes: { read: [{ role: '(admin)', scope: 'all' }], update: [{ role: '(admin)', scope: 'all' }], delete: [{ role: '(admin)', scope: 'all' }] },
  fields: Object.fromEntries(Object.keys(entity.fields ?? {}).map((f) => [f, 'write' as const])),
  actions: new Set(['*']),
});

/**
 * The actor's rights on one entity: the union of its roles (role documents of the
 * effective metadata). A role without an entry for the entity gives nothing; a field a
 * role does not list is writable where that role reaches the record. A role's `hierarchy`
 * adds the `reports` grant (read, and update for `edit`). Tenant admins are
 * unrestricted. Outside a service account's write scope only reading is left. Memoised
 * per metadata revision, actor roles, write scope and entity.
 */
export const entityRights = (entity: EntityDocument, actor: Actor, meta: EffectiveMeta): EntityRights => {
  if (withinWriteScope(entity.name, actor)) return roleRights(entity, actor, meta);
  const key = `${entity.name}|${[...actor.roles].sort().join(',')}|read-only`;
  let byKey = cache.get(meta);
  if (!byKey) cache.set(meta, (byKey = new Map()));
  let rights = byKey.get(key);
  if (!rights) byKey.set(key, (rights = readOnlyRights(roleRights(entity, actor, meta))));
  return rights;
};

/** The union of the actor's roles (or everything, for tenant admins). */
const roleRights = (entity: EntityDocument, actor: Actor, meta: EffectiveMeta): EntityRights => {
  if (actor.isAdmin) return unrestricted(entity);
  const key = `${entity.name}|${[...actor.roles].sort().join(',')}`;
  let byKey = cache.get(meta);
  if (!byKey) cache.set(meta, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const roles = actor.roles.map((r) => meta.documents.role?.[r] as unknown as RoleDoc | undefined).filter((r): r is RoleDoc => !!r);
  const rights: EntityRights = { unrestricted: false, create: false, scopes: { read: [], update: [], delete: [] }, fields: {}, actions: new Set() };
  for (const role of roles) {
    for (const a of role.actions ?? []) rights.actions.add(a);
    const access = role.entities?.[entity.name];
    if (!access) continue;
    rights.create ||= access.create === true;
    for (const op of OPS) {
      const scope = access[op] ?? 'none';
      if (scope !== 'none') rights.scopes[op].push({ role: role.name, scope } as Grant);
    }
    if (access.hierarchy) {
      rights.scopes.read.push({ role: role.name, scope: 'reports' });
      if (access.hierarchy === 'edit') rights.scopes.update.push({ role: role.name, scope: 'reports' });
    }
    if ((access.read ?? 'none') === 'none' && !access.hierarchy) continue;
    for (const field of Object.keys(entity.fields ?? {})) {
      const given = access.fields?.[field] ?? access.otherFields ?? 'write';
      const had = rights.fields[field];
      if (!had || RANK[given] > RANK[had]) rights.fields[field] = given;
    }
  }
  for (const field of Object.keys(entity.fields ?? {})) rights.fields[field] ??= 'hidden';
  byKey.set(key, rights);
  return rights;
};

/** Whether the actor holds a named action right (`<entity>.<action>`, e.g. `customer.assign`). */
export const hasActionRight = (rights: EntityRights, action: string): boolean => rights.unrestricted || rights.actions.has(action);
