import type { Actor } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who an upload belongs to until a record attaches it (`_files.created_by`, a uuid): a
 * staff user's id, or a portal user's (`portal:<uuid>`; their ids are uuids of their own
 * table, never a staff user's). Other actors (the system, public routes) own no uploads.
 */
export const uploaderOf = (actor: Pick<Actor, 'id'>): string | null => {
  const id = actor.id.startsWith('portal:') ? actor.id.slice('portal:'.length) : actor.id;
  return UUID.test(id) ? id : null;
};
