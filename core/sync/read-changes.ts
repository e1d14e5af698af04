import { invalidInput } from '../errors.js';
import { listRecords, readAsItWas, type RecordContext, type RecordData } from '../records/index.js';
import { dependentChanges, dependentLinks, type DependentLink, type TargetChange } from './dependent-changes.js';
import { offlineEntities, type OfflineEntity } from './offline-entities.js';
import { decodeSyncCursor, encodeSyncCursor, workingSetShape, type SyncCursor } from './sync-cursor.js';

export const DEFAULT_SYNC_LIMIT = 200;
export const MAX_SYNC_LIMIT = 500;

/** One change for a device: keep this record (as the user may read it now), or drop it. */
export type SyncChange = { entity: string; id: string; op: 'upsert'; record: RecordData } | { entity: string; id: string; op: 'remove' };

export interface SyncPage {
  /** Drop the local copy before applying these changes (a first load, or the working set's rules changed). */
  reset: boolean;
  changes: SyncChange[];
  /** Send back as `since` for the next page. */
  cursor: string;
  /** More changes wait: ask again at once. */
  more: boolean;
}

const limitOf = (limit: string | undefined): number => {
  if (limit === undefined || limit === '') return DEFAULT_SYNC_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw invalidInput('limit must be a positive whole number', [{ field: 'limit', message: 'must be 1 or more' }]);
  return Math.min(n, MAX_SYNC_LIMIT);
};

/** Which history rows a device caught up earlier had not seen: by the snapshot it was caught up at (`x`), or, in older cursors, by id (`h`). */
type SeenUpTo = { x: string } | { h: number };

/**
 * The newest position of the tenant's change feed (`head`) and the database snapshot of
 * the same statement (`x`): a change commits its `_changes` row and its history row
 * together, so the snapshot never counts a change `head` does not. Read apart, a record
 * deleted between the two reads would be judged against the record as deleted and the
 * device that held it would keep it. The snapshot, not the newest history id, says what
 * the device has seen: ids are numbered at insert, so a long transaction can commit a row
 * numbered below one committed before it, and judged by id that row would count as seen.
 */
const feedHeads = async (ctx: RecordContext): Promise<{ head: number; x: string }> => {
  const row = (await ctx.db.select({ head: ctx.db('_changes').max('seq'), x: ctx.db.raw('pg_current_snapshot()::text') }).first()) as { head?: unknown; x?: unknown } | undefined;
  return { head: Number(row?.head ?? 0), x: String(row?.x) };
};

const combine = (filter: unknown, extra?: unknown): unknown => {
  const parts = [filter, extra].filter((p) => p !== undefined && p !== null);
  return parts.length > 1 ? { and: parts } : parts[0];
};

/** Reads the working set entity by entity, `limit` records per page, each entity up to its `max`. */
const loadPage = async (ctx: RecordContext, sets: OfflineEntity[], c: SyncCursor & { load: NonNullable<SyncCursor['load']> }, limit: number): Promise<{ changes: SyncChange[]; next: SyncCursor }> => {
  const changes: SyncChange[] = [];
  let load: SyncCursor['load'] = c.load;
  while (load && changes.length < limit) {
    const at = sets.findIndex((s) => s.entity.name === load!.entity);
    const set = sets[at];
    if (!set) break;
    const room = Math.min(limit - changes.length, set.max - load.taken);
    const page: { data: RecordData[]; nextCursor: string | null } = room > 0 ? await listRecords(set.entity.name, { filter: combine(set.filter), limit: room, cursor: load.after ?? undefined }, ctx) : { data: [], nextCursor: null };
    for (const record of page.data) changes.push({ entity: set.entity.name, id: String(record.id), op: 'upsert', record });
    const taken: number = load.taken + page.data.length;
    const next = sets[at + 1];
    load = page.nextCursor && taken < set.max ? { entity: set.entity.name, after: page.nextCursor, taken } : next ? { entity: next.entity.name, after: null, taken: 0 } : undefined;
  }
  return { changes, next: { v: 1, shape: c.shape, seq: c.seq, load } };
};

type HistoryRow = { entity: string; record_id: string; action: string; changes: Record<string, [unknown, unknown]> | string };

/** The history rows of these records committed after the device was caught up (`seen`), newest first. */
const historySince = async (ctx: RecordContext, records: { entity: string; record_id: string }[], seen: SeenUpTo): Promise<HistoryRow[]> => {
  if (!records.length) return [];
  const since = ctx.db('_history').select('entity', 'record_id', 'action', 'changes');
  if ('x' in seen) since.whereNotNull('xact').whereRaw('not pg_visible_in_snapshot(xact, ?::pg_snapshot)', [seen.x]);
  else since.where('id', '>', seen.h);
  return since.whereIn(['entity', 'record_id'], records.map((g) => [g.entity, g.record_id])).orderBy('id', 'desc');
};

/** A record's columns as they were before these rows (newest first): each changed column's oldest value. */
const columnsBefore = (rows: HistoryRow[]): Record<string, unknown> => {
  const was: Record<string, unknown> = {};
  for (const r of rows) {
    const changes = typeof r.changes === 'string' ? (JSON.parse(r.changes) as HistoryRow['changes']) : r.changes;
    for (const [field, pair] of Object.entries(changes ?? {})) if (Array.isArray(pair)) was[field] = pair[0];
    if (r.action === 'delete') was.deleted_at = null;
    if (r.action === 'restore') was.deleted_at = '1970-01-01T00:00:00Z';
  }
  return was;
};

const rowsOf = (rows: HistoryRow[], entity: string, id: string) => rows.filter((r) => r.entity === entity && r.record_id === id);

/**
 * Which of these records, readable no more, the device had: those in its set as they were
 * when it was last caught up (`seen`), their columns put back from the history rows
 * committed after it (a record's rows are written under its row lock, so by id they are in
 * commit order). A record made since, or never in the set, is not named; one unshared
 * since is (its old share is not a column). Without `seen` (a device still loading), all are.
 */
const hadBefore = async (ctx: RecordContext, sets: OfflineEntity[], gone: { entity: string; record_id: string }[], seen: SeenUpTo | undefined): Promise<Set<string>> => {
  const key = (entity: string, id: string) => `${entity}:${id}`;
  if (seen === undefined || !gone.length) return new Set(gone.map((g) => key(g.entity, g.record_id)));
  const rows = await historySince(ctx, gone, seen);
  const had = new Set<string>();
  for (const g of gone) {
    const mine = rowsOf(rows, g.entity, g.record_id);
    if (mine.some((r) => r.action === 'create')) continue;
    if (mine.some((r) => r.action === 'action:unshare')) {
      had.add(key(g.entity, g.record_id));
      continue;
    }
    const set = sets.find((s) => s.entity.name === g.entity);
    if (set && (await readAsItWas(g.entity, g.record_id, columnsBefore(mine), set.filter, ctx))) had.add(key(g.entity, g.record_id));
  }
  return had;
};

/** Changed records that working sets follow (links): with the columns they had when the device was caught up, when known. */
const targetChanges = async (ctx: RecordContext, links: DependentLink[], rows: { entity: string; record_id: string }[], seen: SeenUpTo | undefined): Promise<TargetChange[]> => {
  const targets = rows.filter((r) => links.some((l) => l.target === r.entity));
  if (!seen) return targets.map((r) => ({ entity: r.entity, id: r.record_id }));
  const history = await historySince(ctx, targets, seen);
  return targets.map((r) => ({ entity: r.entity, id: r.record_id, was: columnsBefore(rowsOf(history, r.entity, r.record_id)) }));
};

/** The records changed after `seq`, in commit order, each as the user may read it now or as removed. */
const changesSince = async (ctx: RecordContext, sets: OfflineEntity[], seq: number, limit: number, seen: SeenUpTo | undefined): Promise<{ changes: SyncChange[]; seq: number; more: boolean }> => {
  if (!sets.length) return { changes: [], seq, more: false };
  const links = dependentLinks(sets);
  const rows: { entity: string; record_id: string; seq: string | number }[] = await ctx
    .db('_changes')
    .select('entity', 'record_id', 'seq')
    .where('seq', '>', seq)
    .whereIn('entity', [...new Set([...sets.map((s) => s.entity.name), ...links.map((l) => l.target)])])
    .orderBy('seq')
    .limit(limit + 1);
  const all = rows.slice(0, limit);
  const page = all.filter((r) => sets.some((s) => s.entity.name === r.entity));
  const readable = new Map<string, RecordData>();
  for (const set of sets) {
    const ids = page.filter((r) => r.entity === set.entity.name).map((r) => r.record_id);
    if (!ids.length) continue;
    const found = await listRecords(set.entity.name, { filter: combine(set.filter, { in: [{ var: 'id' }, ids] }), limit: ids.length }, ctx);
    for (const record of found.data) readable.set(`${set.entity.name}:${record.id}`, record);
  }
  const had = await hadBefore(ctx, sets, page.filter((r) => !readable.has(`${r.entity}:${r.record_id}`)), seen);
  const changes = page.flatMap((r): SyncChange[] => {
    const record = readable.get(`${r.entity}:${r.record_id}`);
    if (record) return [{ entity: r.entity, id: r.record_id, op: 'upsert', record }];
    return had.has(`${r.entity}:${r.record_id}`) ? [{ entity: r.entity, id: r.record_id, op: 'remove' }] : [];
  });
  // Records whose place in a set follows a changed record (its owner changed): after their own changes, each once.
  const sent = new Set(page.map((r) => `${r.entity}:${r.record_id}`));
  for (const ch of await dependentChanges(ctx, links, await targetChanges(ctx, links, all, seen))) {
    if (sent.has(`${ch.entity}:${ch.id}`)) continue;
    sent.add(`${ch.entity}:${ch.id}`);
    changes.push(ch);
  }
  return { changes, seq: all.length ? Number(all[all.length - 1].seq) : seq, more: rows.length > limit };
};

/**
 * One page of a device's change feed (`GET /api/sync/changes`). Without a cursor, or when
 * the working set's rules changed since the cursor, or when the cursor is ahead of this
 * database (a tenant restored elsewhere): a fresh load of the working set (`reset`),
 * entity by entity through the record service, starting from the feed's current head.
 * Then the changes since, in commit order: every record of an offline entity changed
 * since, as the user may read it now, or `remove` when it was deleted or left the user's
 * scope or the working set's filter, and only if the device had it. Everything is read
 * under the user's rights.
 */
export const readChanges = async (ctx: RecordContext, query: { since?: string; limit?: string }): Promise<SyncPage> => {
  const limit = limitOf(query.limit);
  const sets = offlineEntities(ctx);
  const shape = workingSetShape(ctx, sets);
  const given = query.since ? decodeSyncCursor(query.since) : undefined;
  const { head, x } = await feedHeads(ctx);
  const fresh = !given || given.shape !== shape || given.seq > head;
  const cursor: SyncCursor = fresh ? { v: 1, shape, seq: head, load: sets[0] ? { entity: sets[0].entity.name, after: null, taken: 0 } : undefined } : given;
  if (cursor.load) {
    const { changes, next } = await loadPage(ctx, sets, cursor as SyncCursor & { load: NonNullable<SyncCursor['load']> }, limit);
    const more = next.load !== undefined || head > next.seq;
    // A load that ends with nothing changed since it began holds every record as of snapshot `x`.
    return { reset: fresh, changes, cursor: encodeSyncCursor({ ...next, ...(more ? {} : { x }) }), more };
  }
  const seen: SeenUpTo | undefined = cursor.x !== undefined ? { x: cursor.x } : cursor.h !== undefined ? { h: cursor.h } : undefined;
  const { changes, seq, more } = await changesSince(ctx, sets, cursor.seq, limit, seen);
  // Caught up: the device holds every record as of snapshot `x`; part way, records came at different moments.
  return { reset: fresh, changes, cursor: encodeSyncCursor({ v: 1, shape, seq, ...(more ? {} : { x }) }), more };
};
