/**
 * The app's one live-event stream (GET /api/events, an EventSource): components subscribe
 * to topics and say which records they watch. The browser reconnects by itself and resumes
 * with Last-Event-ID; when the watch list changes the stream is opened afresh from the last
 * event seen (`lastEventId`), so nothing falls between the two. A refused stream (signed
 * out, too many tabs) is tried again after a pause.
 */
import { onBeforeUnmount, watch } from 'vue';

export interface LiveEvent {
  topic: string;
  at?: string;
  [key: string]: unknown;
}
type Handler = (e: LiveEvent) => void;

/** Topics the stream carries besides plugins' own: reset means events were lost (reload what you show). */
const TOPICS = ['record.changed', 'notification', 'approval.requested', 'reset'];

const handlers = new Map<string, Set<Handler>>();
const watched = new Map<string, number>();
let source: EventSource | undefined;
let lastId: string | undefined;
let reopen: ReturnType<typeof setTimeout> | undefined;
let users = 0;

const dispatch = (topic: string, ev: MessageEvent<string>) => {
  if (ev.lastEventId) lastId = ev.lastEventId;
  let data: LiveEvent;
  try {
    data = { ...(JSON.parse(ev.data) as object), topic };
  } catch {
    return;
  }
  for (const h of handlers.get(topic) ?? []) h(data);
};

const open = () => {
  clearTimeout(reopen);
  source?.close();
  source = undefined;
  if (!users || typeof EventSource === 'undefined') return;
  const query = new URLSearchParams();
  if (watched.size) query.set('watch', [...watched.keys()].join(','));
  if (lastId) query.set('lastEventId', lastId);
  const es = new EventSource(`/api/events${query.size ? `?${query}` : ''}`, { withCredentials: true });
  es.addEventListener('ready', (ev) => (lastId = (ev as MessageEvent<string>).lastEventId || lastId));
  for (const topic of new Set([...TOPICS, ...handlers.keys()])) es.addEventListener(topic, (ev) => dispatch(topic, ev as MessageEvent<string>));
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED && source === es) reopen = setTimeout(open, 15_000);
  };
  source = es;
};

let pending: ReturnType<typeof setTimeout> | undefined;
/** Several changes in one tick (a page mounting) open the stream once. */
const reopenSoon = () => {
  clearTimeout(pending);
  pending = setTimeout(open, 0);
};

/** Calls `handler` for each event of `topic` while the calling component is mounted. */
export const useLiveEvent = (topic: string, handler: Handler): void => {
  const set = handlers.get(topic) ?? new Set();
  const isNew = !handlers.has(topic);
  handlers.set(topic, set);
  set.add(handler);
  users++;
  if (isNew || !source) reopenSoon();
  onBeforeUnmount(() => {
    set.delete(handler);
    users--;
    if (!users) reopenSoon();
  });
};

const release = (key: string) => {
  const n = (watched.get(key) ?? 1) - 1;
  if (n) watched.set(key, n);
  else watched.delete(key);
};

/** Watches a record (`entity:id`) or an entity — whichever `key` says now — while the calling component is mounted. */
export const useWatch = (key: () => string | undefined): void => {
  let current: string | undefined;
  const stop = watch(
    key,
    (k) => {
      if (k === current) return;
      if (current) release(current);
      current = k;
      if (k) watched.set(k, (watched.get(k) ?? 0) + 1);
      reopenSoon();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    if (current) release(current);
    reopenSoon();
  });
};

/** Closes the stream (signing out). */
export const closeLiveEvents = (): void => {
  clearTimeout(reopen);
  source?.close();
  source = undefined;
  lastId = undefined;
};
