import type { Db } from '../db/connect.js';
import { sseConnections, sseEventsSent } from '../metrics/index.js';
import { listenEvents } from './listen-events.js';
import { eventPosition, readEvents } from './read-events.js';
import type { StoredEvent } from './types.js';

/** One open stream, as the door that opened it sees it. */
export interface EventSink {
  /** The tenant's schema: only its events are ever looked at for this sink. */
  schema: string;
  userId: string;
  /** Whether this reader gets the event (audience, watch list, read access): at once when it can tell, else a promise. */
  accepts(event: StoredEvent): boolean | Promise<boolean>;
  /** Writes the events, in order, in one go. */
  send(events: StoredEvent[]): void;
  /** The stream lost events it cannot be given (a resume from before the replay window). */
  reset(lastSeq: number): void;
  /** The position a fresh stream starts from (its first id). */
  ready(seq: number): void;
  heartbeat(): void;
  /** Bytes written but not yet taken by the client. */
  buffered(): number;
  end(): void;
}

interface Stream {
  sink: EventSink;
  /** Every event up to here was handed to the sink's queue (or was not for it). */
  sent: number;
  catchingUp: boolean;
  /** Events passed by while catching up: read again before going live. */
  behind: boolean;
  queue: Promise<void>;
  closed: boolean;
}

export interface EventHubOptions {
  /** Streams one user may hold open in this process (default 10). */
  perUser?: number;
  /** Comment lines keep idle streams (and proxies) alive this often (default 20 s). */
  heartbeatMs?: number;
  /** A client this far behind (bytes not taken) is dropped; it resumes with Last-Event-ID (default 1 MiB). */
  maxBuffered?: number;
  onError?(e: unknown): void;
}

export interface EventHub {
  /** Opens a stream: false when the user already holds `perUser` streams here. Resumes after `lastSeq` when given. */
  open(sink: EventSink, lastSeq?: number): Promise<{ close(): void } | undefined>;
  /** Streams open now. */
  size(): number;
  stop(): Promise<void>;
}

/**
 * The live events of one server process. The first stream starts a listener (NOTIFY
 * crm_events: a dedicated connection on PostgreSQL, so commits in every process arrive;
 * PGlite's own connection otherwise). A notification makes the hub read the tenant's new
 * events once (reads coalesce) and hand each to every stream of that tenant, in seq order,
 * each stream filtering for its reader. A stream that resumes (or starts) reads its own
 * way up to the present first, so no event falls between replay and live delivery.
 */
export const createEventHub = (db: Db, opts: EventHubOptions = {}): EventHub => {
  const perUser = opts.perUser ?? 10;
  const maxBuffered = opts.maxBuffered ?? 1 << 20;
  const onError = opts.onError ?? (() => undefined);
  const tenants = new Map<string, Set<Stream>>();
  const cursors = new Map<string, number>();
  const pumping = new Map<string, { again: boolean }>();
  let listening: Promise<() => Promise<void>> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let open = 0;

  const drop = (s: Stream) => {
    if (s.closed) return;
    s.closed = true;
    open--;
    sseConnections.dec();
    const set = tenants.get(s.sink.schema);
    set?.delete(s);
    if (set && !set.size) {
      tenants.delete(s.sink.schema);
      cursors.delete(s.sink.schema);
    }
    s.sink.end();
  };

  const enqueue = (s: Stream, events: StoredEvent[]) => {
    const mine = events.filter((e) => e.seq > s.sent);
    if (!mine.length) return;
    s.sent = mine[mine.length - 1].seq;
    if (s.sink.buffered() > maxBuffered) return drop(s);
    s.queue = s.queue.then(async () => {
      let out: StoredEvent[] = [];
      const flush = () => {
        if (!out.length || s.closed) return;
        s.sink.send(out);
        sseEventsSent.inc(out.length);
        out = [];
      };
      for (const e of mine) {
        if (s.closed) return;
        let yes = s.sink.accepts(e);
        if (typeof yes !== 'boolean') {
          flush();
          yes = await yes.catch((err: unknown) => (onError(err), false));
        }
        if (yes) out.push(e);
      }
      flush();
    });
  };

  const pump = async (schema: string): Promise<void> => {
    const running = pumping.get(schema);
    if (running) return void (running.again = true);
    const state = { again: true };
    pumping.set(schema, state);
    try {
      while (state.again && tenants.has(schema)) {
        state.again = false;
        for (;;) {
          const events = await readEvents(db.knex, schema, cursors.get(schema) ?? 0);
          if (!events.length || !tenants.has(schema)) break;
          cursors.set(schema, events[events.length - 1].seq);
          for (const s of tenants.get(schema) ?? []) {
            if (s.catchingUp) s.behind = true;
            else enqueue(s, events);
          }
        }
      }
    } catch (e) {
      onError(e);
    } finally {
      pumping.delete(schema);
    }
  };

  const catchUp = async (s: Stream): Promise<void> => {
    do {
      s.behind = false;
      for (;;) {
        const events = await readEvents(db.knex, s.sink.schema, s.sent);
        if (!events.length || s.closed) break;
        enqueue(s, events);
      }
    } while (s.behind && !s.closed);
    s.catchingUp = false;
  };

  const listen = () =>
    (listening ??= listenEvents(db, {
      onSchema: (schema) => void (tenants.has(schema) && pump(schema)),
      onReconnect: () => [...tenants.keys()].forEach((schema) => void pump(schema)),
      onError,
    }).catch((e: unknown) => {
      listening = undefined;
      throw e;
    }));

  return {
    async open(sink, lastSeq) {
      const mine = [...tenants.values()].reduce((n, set) => n + [...set].filter((s) => s.sink.userId === sink.userId).length, 0);
      if (mine >= perUser) return undefined;
      await listen();
      const position = await eventPosition(db.knex, sink.schema);
      const resume = lastSeq !== undefined && lastSeq <= position.last;
      const s: Stream = { sink, sent: resume ? lastSeq : position.last, catchingUp: true, behind: false, queue: Promise.resolve(), closed: false };
      if (resume && lastSeq < position.horizon) {
        sink.reset(position.last);
        s.sent = position.last;
      } else if (!resume) sink.ready(position.last);
      if (!tenants.has(sink.schema)) {
        tenants.set(sink.schema, new Set());
        cursors.set(sink.schema, position.last);
      }
      tenants.get(sink.schema)!.add(s);
      open++;
      sseConnections.inc();
      heartbeat ??= setInterval(() => {
        for (const set of tenants.values()) for (const t of set) t.sink.heartbeat();
      }, opts.heartbeatMs ?? 20_000);
      heartbeat.unref();
      void catchUp(s).catch((e: unknown) => {
        onError(e);
        drop(s);
      });
      return { close: () => drop(s) };
    },
    size: () => open,
    async stop() {
      clearInterval(heartbeat);
      heartbeat = undefined;
      for (const set of [...tenants.values()]) for (const s of [...set]) drop(s);
      const stopListening = await listening?.catch(() => undefined);
      listening = undefined;
      await stopListening?.();
    },
  };
};
