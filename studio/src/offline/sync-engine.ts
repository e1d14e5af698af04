import { ApiError, send } from '../api/http.js';
import type { RecordData } from '../api/types.js';
import { applyChanges, countLocal, dropQueued, getKv, putLocal, queued, removeLocal, saveQueued, type QueuedChange } from './local-store.js';
import { releaseHeldFiles, heldIdsIn, swapHeldFiles } from './held-files.js';
import { syncState } from './sync-state.js';

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;

/** The outbox's counts and the size of the copy, for the banner. */
export const refreshCounts = async (): Promise<void> => {
  const all = await queued();
  syncState.pending = all.length;
  syncState.attention = all.filter((c) => c.state).length;
  syncState.records = await countLocal();
};

const sendOne = async (c: QueuedChange): Promise<RecordData> => {
  const headers: Record<string, string> = { 'Idempotency-Key': c.key };
  if (c.version !== undefined && c.kind !== 'create') headers['If-Match'] = String(c.version);
  if (c.kind === 'create') return (await send<RecordData>('POST', base(c.entity), { body: c.values, headers, direct: true })).body;
  if (c.kind === 'update') return (await send<RecordData>('PATCH', `${base(c.entity)}/${encodeURIComponent(c.id)}`, { body: c.values, headers: { 'If-Match': headers['If-Match'] }, direct: true })).body;
  return (await send<RecordData>('POST', `${base(c.entity)}/${encodeURIComponent(c.id)}/transitions/${encodeURIComponent(c.transition!)}`, { body: c.values ? { fields: c.values } : undefined, headers, direct: true })).body;
};

/**
 * Sends the outbox in order. A change the server refuses, or one made against a version
 * someone else changed since (409), stays with the server's answer for the user, and the
 * later changes of that record wait behind it; the others go on. A created record takes
 * the server's id in the copy and in the later changes that name it. Files picked offline
 * go up just before the change that holds them (so a create's files go with it, and an
 * update's after the create it follows), once: the stored file is kept with the held one,
 * which leaves the device when the change is taken and no waiting change names it.
 */
const replay = async (): Promise<void> => {
  const blocked = new Set<string>();
  const all = await queued();
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    const key = `${c.entity}:${c.id}`;
    if (c.state || blocked.has(key)) {
      blocked.add(key);
      continue;
    }
    try {
      const saved = await sendOne({ ...c, values: await swapHeldFiles(c.entity, c.values) });
      if (c.kind === 'create') await removeLocal(c.entity, c.id);
      await putLocal(c.entity, saved);
      await dropQueued(c.seq!);
      await releaseHeldFiles(heldIdsIn(c.values), await queued());
      const id = String(saved.id);
      for (const later of all.slice(i + 1)) {
        const renamed = c.kind === 'create' && JSON.stringify(later).includes(c.id) ? (JSON.parse(JSON.stringify(later).replaceAll(c.id, id)) as QueuedChange) : later;
        if (renamed.entity === c.entity && renamed.id === id && renamed.kind !== 'create') renamed.version = Number(saved.version);
        if (renamed !== later || renamed.version !== later.version) {
          Object.assign(later, renamed);
          await saveQueued(later);
        }
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0) throw e;
      if (e.status === 401) throw e;
      await saveQueued({ ...c, state: e.status === 409 && c.kind !== 'create' ? 'conflict' : 'refused', problem: { ...e.problem, status: e.status } });
      blocked.add(key);
    }
  }
};

type FeedPage = Parameters<typeof applyChanges>[0] & { more: boolean };

/** Pulls the change feed from the kept cursor until caught up. */
const pull = async (): Promise<void> => {
  for (let i = 0; i < 1000; i++) {
    const since = await getKv<string>('cursor');
    const page = (await send<FeedPage>('GET', '/api/sync/changes', { query: { since, limit: 500 }, direct: true })).body;
    await applyChanges(page);
    if (!page.more) return;
  }
};

let running: Promise<void> | undefined;

/** Sends what waits, then brings the working set up to date. One run at a time; a network failure just marks the app offline. */
export const syncNow = (): Promise<void> =>
  (running ??= (async () => {
    syncState.syncing = true;
    try {
      await replay();
      await pull();
      syncState.offline = false;
      await onSynced?.();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) syncState.offline = true;
    } finally {
      syncState.syncing = false;
      await refreshCounts().catch(() => undefined);
      running = undefined;
    }
  })());

let onSynced: (() => Promise<void> | void) | undefined;
export const whenSynced = (fn: typeof onSynced): void => {
  onSynced = fn;
};

/** Sends one change again after the user fixed it (its problem cleared), or with a newer version. */
export const resend = async (change: QueuedChange, patch: Partial<QueuedChange> = {}): Promise<void> => {
  const { state: _state, problem: _problem, ...rest } = change;
  await saveQueued({ ...rest, ...patch });
  await syncNow();
};

/** Drops one change; a dropped create leaves the copy too. */
export const discard = async (change: QueuedChange): Promise<void> => {
  await dropQueued(change.seq!);
  await releaseHeldFiles(heldIdsIn(change.values), await queued());
  if (change.kind === 'create') await removeLocal(change.entity, change.id);
  else if (change.base) await putLocal(change.entity, change.base);
  await refreshCounts();
};
