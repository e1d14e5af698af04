import type { Pinia } from 'pinia';
import { watch } from 'vue';
import { setOfflineLayer } from '../api/http.js';
import { useSessionStore } from '../stores/session.js';
import { answerLocally, keepAnswer } from './local-answers.js';
import { available, claim, getKv, wipe } from './local-store.js';
import { settleSignOut } from './pending-sign-out.js';
import { refreshCounts, syncNow, whenSynced } from './sync-engine.js';
import { syncState } from './sync-state.js';

const SYNC_EVERY_MS = 60_000;

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
 * in; wiped when the user signs out or the server says the session is gone.
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
    answered: (req, body) => {
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
