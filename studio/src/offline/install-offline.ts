import type { Pinia } from 'pinia';
import { watch } from 'vue';
import { setFileHolder } from '../api/files.js';
import { ApiError, setOfflineLayer, type OfflineRequest } from '../api/http.js';
import type { RecordData } from '../api/types.js';
import { heldIdsIn, holdFile, releaseHeldFiles, swapHeldFiles } from './held-files.js';
import { useSessionStore } from '../stores/session.js';
import { answerLocally, keepAnswer } from './local-answers.js';
import { available, claim, getKv, queued, wipe } from './local-store.js';
import { settleSignOut } from './pending-sign-out.js';
import { refreshCounts, syncNow, whenSynced } from './sync-engine.js';
import { syncState } from './sync-state.js';

const SYNC_EVERY_MS = 60_000;

/** The entity of a record create or update (`POST /api/records/:entity`, `PATCH /api/records/:entity/:id`). */
const RECORD_WRITE = /^\/api\/records\/([^/]+)(?:\/[^/]+)?$/;
const writtenEntity = (req: OfflineRequest): string | undefined => {
  const m = (req.method === 'POST' || req.method === 'PATCH') && heldIdsIn(req.body).length ? RECORD_WRITE.exec(req.path) : null;
  return m ? decodeURIComponent(m[1]) : undefined;
};

/** A record write online whose body names files picked offline: they go up first; without a network the body stays as it was (and goes to the outbox). */
const uploadHeldFirst = async (req: OfflineRequest): Promise<unknown> => {
  const entity = writtenEntity(req);
  if (!entity) return req.body;
  try {
    return await swapHeldFiles(entity, req.body as RecordData);
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) return req.body;
    throw e;
  }
};

/** Paths whose answer says who is signed in. */
const SIGN_IN_ANSWERS = new Set(['/api/auth/login', '/api/auth/2fa/verify', '/api/auth/me']);

let swReady = false;
let updateSW: ((reload?: boolean) => Promise<void>) | undefined;

const markReady = async () => {
  syncState.ready = swReady && Boolean(await getKv<string>('cursor').catch(() => undefined));
  document.documentElement.dataset.offlineReady = syncState.ready ? '1' : '';
};

/** Restarts now on the new version, instead of at the next start. */
export const restartOnNewVersion = (): Promise<void> => updateSW?.(true) ?? Promise.resolve(window.location.reload());

/**
 * The staff app's offline mode: the service worker (app shell and code, an update waits for
 * the next start), the device's copy answering what the network cannot (local-answers),
 * kept current by the change feed and the outbox (sync-engine) while the user is signed
 * in, files picked without a network kept with it (held-files); wiped when the user signs out or the server says the session is gone.
 */
export const installOffline = (pinia: Pinia): void => {
  if (!available()) return;
  const session = useSessionStore(pinia);
  /** The network is back: a sign-out made offline is settled with the server first; the outbox is sent only for a signed-in user. */
  const backOnline = async () => {
    await settleSignOut();
    if (session.status === 'signed-in') await syncNow();
  };
  setOfflineLayer({
    answer: async (req) => {
      syncState.offline = true;
      if (session.status !== 'signed-in' && !SIGN_IN_ANSWERS.has(req.path)) return undefined;
      const local = await answerLocally(req);
      if (req.method !== 'GET' && local !== undefined) void refreshCounts();
      return local;
    },
    prepare: uploadHeldFirst,
    answered: (req, body) => {
      if (writtenEntity(req)) void queued().then((waiting) => releaseHeldFiles(heldIdsIn(req.body), waiting));
      if (syncState.offline) {
        syncState.offline = false;
        void backOnline();
      }
      if (SIGN_IN_ANSWERS.has(req.path)) {
        const me = body as { user?: { id?: string }; tenant?: { slug?: string } } | undefined;
        if (me?.user?.id && me.tenant?.slug) void claim(`${me.tenant.slug}:${me.user.id}`).then(() => keepAnswer({ ...req, method: 'GET', path: '/api/auth/me', query: {} }, body));
        return;
      }
      void keepAnswer(req, body);
    },
  });
  setFileHolder((file) => holdFile(file));
  whenSynced(markReady);

  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    () => session.status,
    (status) => {
      if (status === 'signed-in') {
        void refreshCounts();
        void syncNow();
        timer ??= setInterval(() => void (session.status === 'signed-in' && syncNow()), SYNC_EVERY_MS);
      } else if (status === 'signed-out') {
        if (timer) clearInterval(timer);
        timer = undefined;
        syncState.ready = false;
        syncState.pending = syncState.attention = syncState.records = 0;
        document.documentElement.dataset.offlineReady = '';
        void wipe().then(settleSignOut);
      }
    },
    { immediate: true },
  );
  window.addEventListener('online', () => void backOnline());
  window.addEventListener('offline', () => {
    syncState.offline = true;
  });

  if ('serviceWorker' in navigator) {
    void import('virtual:pwa-register').then(({ registerSW }) => {
      updateSW = registerSW({
        immediate: true,
        onNeedRefresh: () => {
          syncState.updateReady = true;
        },
      });
    });
    void navigator.serviceWorker.ready.then(() => {
      swReady = true;
      return markReady();
    });
  }
};
