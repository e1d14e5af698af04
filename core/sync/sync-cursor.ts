import { createHash } from 'node:crypto';
import { invalidInput } from '../errors.js';
import { todayIn } from '../time/index.js';
import type { RecordContext } from '../records/index.js';
import type { OfflineEntity } from './offline-entities.js';

/**
 * Where a device stands in the change feed, opaque to it (base64url JSON):
 * - loading its working set: the feed position the load started at (`seq`), the entity
 *   being read, the list cursor inside it and how many of its records came already;
 * - caught up: the feed position (`seq`) of the last change it has.
 * - `x`, once the device is caught up: the database snapshot it was caught up at
 *   (`pg_current_snapshot()` as text), so a record that left the scope since is sent as
 *   `remove` only if the device had it: its history rows that snapshot could not see are
 *   the ones committed since, whatever their ids. (`h`, the newest history id then, is
 *   what older cursors carry; ids are numbered at insert, not at commit.)
 * `shape` fingerprints what decides the working set (the actor's roles, team and the
 * entities' offline sections): when it differs the device reloads from scratch, since
 * records may have left its set without changing.
 */
export type SyncCursor =
  | { v: 1; shape: string; seq: number; h?: number; x?: string; load: { entity: string; after: string | null; taken: number } }
  | { v: 1; shape: string; seq: number; h?: number; x?: string; load?: undefined };

/** A `pg_snapshot` as text: `xmin:xmax:xip,xip,…`. */
const SNAPSHOT = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/;

export const encodeSyncCursor = (c: SyncCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

const badCursor = () => invalidInput('The sync cursor is not one this server gave', [{ field: 'since', message: 'is not a cursor from /api/sync/changes' }]);

/** The cursor a device sent, or a 400 naming `since`. */
export const decodeSyncCursor = (text: string): SyncCursor => {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const o = c as Partial<SyncCursor> | null;
  if (!o || o.v !== 1 || typeof o.shape !== 'string' || !Number.isSafeInteger(o.seq) || (o.seq as number) < 0) throw badCursor();
  if (o.h !== undefined && (!Number.isSafeInteger(o.h) || o.h < 0)) throw badCursor();
  if (o.x !== undefined && (typeof o.x !== 'string' || o.x.length > 4000 || !SNAPSHOT.test(o.x))) throw badCursor();
  if (o.load !== undefined) {
    const l = o.load as { entity?: unknown; after?: unknown; taken?: unknown };
    if (typeof l.entity !== 'string' || (l.after !== null && typeof l.after !== 'string') || !Number.isSafeInteger(l.taken)) throw badCursor();
  }
  return o as SyncCursor;
};

/** The fingerprint of what decides this actor's working set: who it is, its roles and their rules, the offline sections. */
export const workingSetShape = (ctx: RecordContext, entities: OfflineEntity[]): string => {
  const { actor } = ctx;
  const roles = [...actor.roles].sort();
  const roleDocs = roles.map((r) => ctx.meta.documents.role?.[r] ?? null);
  // The day too when a filter says `$today` or `$now`: a set of today's appointments changes at midnight without any record changing.
  const filters = JSON.stringify(entities.map((e) => e.filter ?? null));
  const day = /"\$(today|now)"/.test(filters) ? todayIn(ctx.time?.timeZone ?? 'UTC', new Date()) : null;
  const parts = [actor.id, actor.isAdmin, roles, roleDocs, actor.team ?? null, actor.attributes ?? null, entities.map((e) => [e.entity.name, e.filter ?? null, e.max]), day];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
};
