import { v7 as uuidv7 } from 'uuid';
import { conflict, forbidden, invalidInput, notFound } from '../errors.js';
import { assertReadsEntity } from '../records/access.js';
import { entityOf, isUuid } from '../records/entity-fields.js';
import type { RecordContext } from '../records/types.js';
import { checkViewDefinition, type ViewDefinition } from './view-definition.js';

export interface SavedView {
  id: string;
  entity: string;
  name: string;
  definition: ViewDefinition;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  version: number;
  updatedAt: string;
}

interface Row {
  id: string;
  owner_id: string;
  entity: string;
  name: string;
  definition: ViewDefinition;
  shared: boolean;
  version: number;
  updated_at: string | Date;
}

const shape = (r: Row, ctx: RecordContext): SavedView => ({
  id: r.id,
  entity: r.entity,
  name: r.name,
  definition: r.definition,
  shared: r.shared,
  ownerId: r.owner_id,
  mine: r.owner_id === ctx.actor.id,
  version: Number(r.version),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const checkName = (name: unknown): string => {
  if (typeof name !== 'string' || !name.trim() || name.length > 100) throw invalidInput('The view needs a name', [{ field: 'name', message: 'is required (at most 100 characters)' }]);
  return name.trim();
};

const checkShared = (shared: unknown, ctx: RecordContext): boolean => {
  if (shared === undefined) return false;
  if (typeof shared !== 'boolean') throw invalidInput('shared must be true or false', [{ field: 'shared', message: 'must be a boolean' }]);
  if (shared && !ctx.actor.isAdmin) throw forbidden('Only tenant admins may share a view with everyone');
  return shared;
};

/** The user's own views of an entity and the shared ones, by name. */
export const listSavedViews = async (entity: string, ctx: RecordContext): Promise<SavedView[]> => {
  assertReadsEntity(entityOf(entity, ctx), ctx);
  const rows: Row[] = await ctx.db('_saved_views')
    .where({ entity })
    .andWhere((q) => q.where({ owner_id: ctx.actor.id }).orWhere({ shared: true }))
    .orderBy('name');
  return rows.map((r) => shape(r, ctx));
};

/** Saves a new view (409 when the user already has one of that name for the entity). */
export const createSavedView = async (entity: string, input: { name?: unknown; definition?: unknown; shared?: unknown }, ctx: RecordContext): Promise<SavedView> => {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  if (!isUuid(ctx.actor.id)) throw forbidden('Views are saved for signed-in users');
  const name = checkName(input.name);
  const definition = checkViewDefinition(doc, input.definition ?? {}, ctx);
  const shared = checkShared(input.shared, ctx);
  const taken = await ctx.db('_saved_views').where({ owner_id: ctx.actor.id, entity, name }).first('id');
  if (taken) throw conflict(`You already have a view named "${name}"`, { errors: [{ field: 'name', message: 'is taken' }] });
  const [row] = await ctx.db('_saved_views').insert({ id: uuidv7(), owner_id: ctx.actor.id, entity, name, definition: JSON.stringify(definition), shared }).returning('*');
  return shape(row, ctx);
};

/** Changes a view the user owns (admins: also shared ones); If-Match version, 409 when stale. */
export const updateSavedView = async (
  entity: string,
  id: string,
  input: { name?: unknown; definition?: unknown; shared?: unknown },
  ctx: RecordContext,
  opts: { ifMatch?: number } = {},
): Promise<SavedView> => {
  const doc = entityOf(entity, ctx);
  const row: Row | undefined = isUuid(id) ? await ctx.db('_saved_views').where({ id, entity }).forUpdate().first() : undefined;
  if (!row || (row.owner_id !== ctx.actor.id && !(row.shared && ctx.actor.isAdmin))) {
    if (row?.shared) throw forbidden('Only its owner or a tenant admin may change a shared view');
    throw notFound('No such view');
  }
  if (opts.ifMatch !== undefined && opts.ifMatch !== Number(row.version)) throw conflict('The view was changed meanwhile; reload it', { code: 'VERSION_CONFLICT', current: Number(row.version) });
  const patch: Record<string, unknown> = { version: Number(row.version) + 1, updated_at: ctx.db.fn.now() };
  if (input.name !== undefined) patch.name = checkName(input.name);
  if (input.definition !== undefined) patch.definition = JSON.stringify(checkViewDefinition(doc, input.definition, ctx));
  if (input.shared !== undefined) patch.shared = checkShared(input.shared, ctx);
  const [saved] = await ctx.db('_saved_views').where({ id }).update(patch).returning('*');
  return shape(saved, ctx);
};

/** Deletes a view the user owns (admins: also shared ones). */
export const deleteSavedView = async (entity: string, id: string, ctx: RecordContext): Promise<void> => {
  const row: Row | undefined = isUuid(id) ? await ctx.db('_saved_views').where({ id, entity }).first() : undefined;
  if (!row || (row.owner_id !== ctx.actor.id && !(row.shared && ctx.actor.isAdmin))) throw notFound('No such view');
  await ctx.db('_saved_views').where({ id }).delete();
};
