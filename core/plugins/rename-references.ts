import type { MetadataDocument } from '../metadata/types.js';
import type { PluginChanges } from './plugin-changes.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Follows plugin renames inside a tenant document; `fieldOf` reads the new metadata to follow reference paths. */
export interface RenameCtx {
  changes: PluginChanges;
  fieldOf(entity: string, field: string): Obj | undefined;
}

export const renameEntity = (ctx: RenameCtx, name: string): string => ctx.changes.renamedEntities.get(name) ?? name;
export const renameField = (ctx: RenameCtx, entity: string, field: string): string =>
  ctx.changes.renamedFields.get(entity)?.get(field) ?? field;

/** `customer.grade` from entity `contact`: each segment renamed in the entity it belongs to. */
export const renamePath = (ctx: RenameCtx, entity: string, path: string): string => {
  let current: string | undefined = entity;
  return path
    .split('.')
    .map((part) => {
      if (!current) return part;
      const renamed = renameField(ctx, current, part);
      const field = ctx.fieldOf(current, renamed);
      current = field?.type === 'reference' && typeof field.entity === 'string' ? field.entity : undefined;
      return renamed;
    })
    .join('.');
};

const renameItem = (ctx: RenameCtx, entity: string, item: unknown, key = 'field'): unknown => {
  if (typeof item === 'string') return renamePath(ctx, entity, item);
  if (isObj(item) && typeof item[key] === 'string') return { ...item, [key]: renamePath(ctx, entity, item[key] as string) };
  return item;
};

const renameSorts = (ctx: RenameCtx, entity: string, sort: unknown): unknown => (Array.isArray(sort) ? sort.map((s) => renameItem(ctx, entity, s)) : sort);

const renameFieldRefs = (ctx: RenameCtx, doc: MetadataDocument): void => {
  for (const field of Object.values(isObj(doc.fields) ? doc.fields : {})) {
    if (!isObj(field)) continue;
    if (typeof field.entity === 'string') field.entity = renameEntity(ctx, field.entity);
    if (typeof field.through === 'string') {
      field.through = renameEntity(ctx, field.through);
      for (const k of ['sourceField', 'targetField']) if (typeof field[k] === 'string') field[k] = renameField(ctx, field.through as string, field[k] as string);
    }
    if (field.type === 'rollup' && typeof field.relation === 'string') {
      const [child, ref] = field.relation.split('.');
      const newChild = renameEntity(ctx, child);
      field.relation = `${newChild}.${renameField(ctx, newChild, ref)}`;
      if (typeof field.field === 'string') field.field = renamePath(ctx, newChild, field.field);
    }
  }
};

const renameSection = (ctx: RenameCtx, entity: string, section: Obj): void => {
  if (Array.isArray(section.fields)) section.fields = section.fields.map((f) => renameItem(ctx, entity, f));
  const list = section.relatedList;
  if (!isObj(list) || typeof list.entity !== 'string') return;
  const child = (list.entity = renameEntity(ctx, list.entity));
  if (typeof list.field === 'string') list.field = renameField(ctx, child, list.field);
  if (Array.isArray(list.columns)) list.columns = list.columns.map((c) => renameItem(ctx, child, c));
  list.sort = renameSorts(ctx, child, list.sort);
};

const renameForm = (ctx: RenameCtx, doc: MetadataDocument, entity: string): void => {
  for (const s of objects(doc.sections)) renameSection(ctx, entity, s);
  for (const tab of objects(doc.tabs)) for (const s of objects(tab.sections)) renameSection(ctx, entity, s);
};

const renameView = (ctx: RenameCtx, doc: MetadataDocument, entity: string): void => {
  if (Array.isArray(doc.columns)) doc.columns = doc.columns.map((c) => renameItem(ctx, entity, c));
  doc.sort = renameSorts(ctx, entity, doc.sort);
  if (isObj(doc.kanban)) {
    if (typeof doc.kanban.field === 'string') doc.kanban.field = renamePath(ctx, entity, doc.kanban.field);
    if (Array.isArray(doc.kanban.cardFields)) doc.kanban.cardFields = doc.kanban.cardFields.map((c) => renameItem(ctx, entity, c));
  }
  if (isObj(doc.calendar)) {
    for (const k of ['dateField', 'endField', 'titleField']) {
      if (typeof doc.calendar[k] === 'string') doc.calendar[k] = renamePath(ctx, entity, doc.calendar[k] as string);
    }
  }
};

const renameRole = (ctx: RenameCtx, doc: MetadataDocument): void => {
  if (!isObj(doc.entities)) return;
  doc.entities = Object.fromEntries(
    Object.entries(doc.entities).map(([name, access]) => {
      const entity = renameEntity(ctx, name);
      if (isObj(access) && isObj(access.fields)) {
        access.fields = Object.fromEntries(Object.entries(access.fields).map(([f, v]) => [renameField(ctx, entity, f), v]));
      }
      return [entity, access];
    }),
  );
};

/**
 * Rewrites, in place, the names a tenant document uses for the plugin's renamed entities
 * and fields: reference targets, roll-up relations, form items and related lists, view
 * columns, sorts, boards and calendars, lifecycle state fields, role entries. Rules
 * (json-logic) are left as they are; the check after the rebase reports any that broke.
 */
export const renameReferences = (ctx: RenameCtx, doc: MetadataDocument): void => {
  if (doc.kind === 'entity') return renameFieldRefs(ctx, doc);
  if (doc.kind === 'role') return renameRole(ctx, doc);
  if (typeof doc.entity !== 'string') return;
  const entity = (doc.entity = renameEntity(ctx, doc.entity));
  if (doc.kind === 'form') renameForm(ctx, doc, entity);
  else if (doc.kind === 'view') renameView(ctx, doc, entity);
  else if (doc.kind === 'lifecycle' && typeof doc.field === 'string') doc.field = renameField(ctx, entity, doc.field);
};
