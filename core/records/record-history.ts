import { badRequest } from '../errors.js';
import { entityOf } from './entity-fields.js';
import { accessOf, withoutHidden } from './access.js';
import { missing, readRecord } from './get-record.js';
import { translatePgError } from './translate-pg-error.js';
import type { HistoryEntry, RecordContext } from './types.js';

/** Keys starting with `_` are the engine's notes (e.g. a merge's log), not fields: never shown. */
const withoutInternal = (changes: HistoryEntry['changes']): HistoryEntry['changes'] => Object.fromEntries(Object.entries(changes).filter(([k]) => !k.startsWith('_')));

interface HistoryRow {
  id: number;
  action: HistoryEntry['action'];
  actor_id: string | null;
  at: string;
  changes: HistoryEntry['changes'];
}

const cursorOf = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined || cursor === '') return undefined;
  const n = Number(cursor);
  if (!Number.isSafeInteger(n) || n < 1) throw badRequest('The cursor is not valid', { errors: [{ field: 'cursor', message: 'is not valid' }] });
  return n;
};

/** A record's history under the actor's read scope and field access, newest first, paged by entry id (deleted records keep theirs). */
export async function recordHistory(
  entity: string,
  id: string,
  ctx: RecordContext,
  opts: { limit?: number; cursor?: string } = {},
): Promise<{ data: HistoryEntry[]; nextCursor: string | null }> {
  const doc = entityOf(entity, ctx);
  const before = cursorOf(opts.cursor);
  const limit = Math.min(Math.max(Number.isInteger(opts.limit) ? opts.limit! : 50, 1), 500);
  try {
    if (!(await readRecord(doc, id, ctx, { scope: 'read', includeDeleted: true, fields: ['id'] }))) throw missing(entity, id);
    const { hidden } = accessOf(doc, ctx);
    const q = ctx.db('_history').where({ entity, record_id: id }).orderBy('id', 'desc').limit(limit + 1);
    if (before !== undefined) q.where('id', '<', before);
    const rows = (await q.select('id', 'action', 'actor_id', 'at', 'changes')) as HistoryRow[];
    const data = rows.slice(0, limit).map((r) => ({ id: Number(r.id), action: r.action, actorId: r.actor_id, at: r.at, changes: withoutHidden(withoutInternal(r.changes ?? {}), hidden) as HistoryEntry['changes'] }));
    return { data, nextCursor: rows.length > limit ? String(data[data.length - 1].id) : null };
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
}
