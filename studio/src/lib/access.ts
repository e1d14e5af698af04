import type { EntityDocument, MetaEntity } from '../api/types.js';

const rights = (entity: EntityDocument | undefined) => (entity as MetaEntity | undefined)?.access;

/**
 * The signed-in user's rights on an entity, from `access` in /api/meta. An entity
 * without `access` (a document not from /api/meta) allows everything: the server decides.
 */
export const mayCreate = (entity: EntityDocument | undefined): boolean => Boolean(entity) && (rights(entity)?.create ?? true);
export const mayUpdate = (entity: EntityDocument | undefined): boolean => Boolean(entity) && (rights(entity)?.update ?? true);
export const mayDelete = (entity: EntityDocument | undefined): boolean => Boolean(entity) && (rights(entity)?.delete ?? true);

/** Whether the user may write the field (`read` access makes it read-only; hidden fields are not in the entity at all). */
export const mayWriteField = (entity: EntityDocument | undefined, field: string): boolean => (rights(entity)?.fields?.[field] ?? 'write') === 'write';
