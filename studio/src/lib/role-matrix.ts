import type { EntityAccess, RoleDocument, Scope } from '../api/types.js';

export type PlainScope = 'none' | 'own' | 'team' | 'all';
export type FieldAccess = 'write' | 'read' | 'hidden';
export type Operation = 'read' | 'update' | 'delete';
export const SCOPES: PlainScope[] = ['none', 'own', 'team', 'all'];
export const OPERATIONS: Operation[] = ['read', 'update', 'delete'];

/** A role's rights on one entity with every default filled in (nothing granted). */
export interface EntityRow {
  create: boolean;
  read: Scope;
  update: Scope;
  delete: Scope;
  fields: Record<string, FieldAccess>;
  /** The access of the fields `fields` does not list. */
  otherFields: FieldAccess;
}

export const isRule = (s: Scope | undefined): s is Record<string, unknown> => typeof s === 'object' && s !== null;

export const entityRow = (role: RoleDocument, entity: string): EntityRow => {
  const a: EntityAccess = role.entities?.[entity] ?? {};
  return { create: a.create === true, read: a.read ?? 'none', update: a.update ?? 'none', delete: a.delete ?? 'none', fields: { ...(a.fields ?? {}) }, otherFields: a.otherFields ?? 'write' };
};

/**
 * The role with one entity's entry changed. Entries are written out in full (`none` and
 * `false` included), because a tenant role may lie over a plugin's and must override it.
 */
export const withEntity = (role: RoleDocument, entity: string, change: Partial<Omit<EntityRow, 'fields' | 'otherFields'>>): RoleDocument => {
  const row = { ...entityRow(role, entity), ...change };
  // What the matrix does not edit (the manager hierarchy, the access of unlisted fields) is kept.
  const entry: EntityAccess = { ...(role.entities?.[entity] ?? {}), create: row.create, read: row.read, update: row.update, delete: row.delete };
  if (Object.keys(row.fields).length) entry.fields = row.fields;
  return { ...role, entities: { ...(role.entities ?? {}), [entity]: entry } };
};

/**
 * The role with one field's access changed. The access of unlisted fields (`write` by default) is left out,
 * unless the role as loaded (`original`) listed the field: then it must say `write` to
 * override what it said before (or what a plugin's role says below it).
 */
export const withField = (role: RoleDocument, entity: string, field: string, access: FieldAccess, original?: RoleDocument): RoleDocument => {
  const row = entityRow(role, entity);
  const fields = { ...row.fields };
  if (access === row.otherFields && !original?.entities?.[entity]?.fields?.[field]) delete fields[field];
  else fields[field] = access;
  const entry: EntityAccess = { ...(role.entities?.[entity] ?? {}), create: row.create, read: row.read, update: row.update, delete: row.delete };
  if (Object.keys(fields).length) entry.fields = fields;
  else delete entry.fields;
  return { ...role, entities: { ...(role.entities ?? {}), [entity]: entry } };
};

/** The role with a named action right given or taken. */
export const withAction = (role: RoleDocument, action: string, granted: boolean): RoleDocument => {
  const actions = new Set(role.actions ?? []);
  if (granted) actions.add(action);
  else actions.delete(action);
  return { ...role, actions: [...actions].sort() };
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A tenant's draft of a role over the published role, as the server lays documents:
 * entity entries and field lists key by key, scopes and the action list replaced.
 */
export const overlayRole = (published: RoleDocument | undefined, draft: RoleDocument | undefined): RoleDocument | undefined => {
  if (!published || !draft) return draft ?? published;
  const entities: Record<string, EntityAccess> = { ...(published.entities ?? {}) };
  for (const [name, access] of Object.entries(draft.entities ?? {})) {
    const below = entities[name] ?? {};
    entities[name] = { ...below, ...access, ...(isObj(access.fields) || isObj(below.fields) ? { fields: { ...(below.fields ?? {}), ...(access.fields ?? {}) } } : {}) };
  }
  return { ...published, ...draft, entities, actions: draft.actions ?? published.actions };
};

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const ACTION = /^[a-z][a-z0-9_]{0,62}([.:][a-z][a-z0-9_]{0,62}){1,2}$/;
export const validRoleName = (name: string): boolean => NAME.test(name);
export const validActionName = (name: string): boolean => ACTION.test(name);
