import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { PassThrough } from 'node:stream';
import { invalidInput, problem } from '../../errors.js';
import { inAudience, type EventHub, type StoredEvent } from '../../events/index.js';
import type { AuthContext } from '../../security/index.js';
import { reauthenticate } from '../middleware/authenticate.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { mayReadEventRecord } from './events-readers.js';
import { parseWatch, watches, type WatchList } from './events-watch.js';

/** Streams one user may hold open in one server process. */
export const EVENT_STREAMS_PER_USER = 10;

/** Sign-in re-checks of open streams run a few at a time, and one per sign-in at once, so a thousand streams do not queue for the pool together. */
const RECHECKS_AT_ONCE = 2;
let rechecking = 0;
const waiting: (() => void)[] = [];
const inFlight = new Map<string, Promise<AuthContext>>();
const recheckSignIn = (key: string, resolve: () => Promise<AuthContext>): Promise<AuthContext> => {
  const running = inFlight.get(key);
  if (running) return running;
  const run = (async () => {
    if (rechecking >= RECHECKS_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
    rechecking++;
    try {
      return await resolve();
    } finally {
      rechecking--;
      inFlight.delete(key);
      waiting.shift()?.();
    }
  })();
  inFlight.set(key, run);
  return run;
};

const frame = (id: number, event: string, data: unknown): string => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** An event's frame, written once however many streams send it. */
const frames = new WeakMap<StoredEvent, string>();
const frameOf = (e: StoredEvent): string => {
  let text = frames.get(e);
  if (text === undefined) frames.set(e, (text = frame(e.seq, e.topic, { ...e.data, topic: e.topic, at: e.at })));
  return text;
};

const lastSeqOf = (ctx: Context): number | undefined => {
  const raw = ctx.get('last-event-id') || queryString(ctx, 'lastEventId');
  if (!raw) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw invalidInput('Last-Event-ID is the id of an event this stream sent', [{ field: 'lastEventId', message: 'must be a whole number' }]);
  return Number(raw);
};

/** Whether the stream's reader gets the event: audience by who they are, a watched record, and read access asked of the record service. */
const accepts = (knex: Knex, auth: () => AuthContext, watch: WatchList) => (e: StoredEvent): boolean | Promise<boolean> => {
  const { tenant, actor } = auth();
  const fit = inAudience(e.audience, { userId: actor.id, roles: actor.roles });
  if (fit !== 'record' || !('record' in e.audience)) return fit === true;
  const { entity, id } = e.audience.record;
  if (e.topic === 'record.changed' && !watches(watch, entity, id)) return false;
  return mayReadEventRecord(knex, tenant, actor, e, { entity, id });
};

/**
 * GET /api/events: Server-Sent Events for the signed-in user — their notifications and
 * approval requests, changes to the records they watch (`?watch=entity:id,entity`) and
 * may read, and the events plugins publish for them. `Last-Event-ID` (or `?lastEventId=`,
 * for a client that opens a new stream itself) resumes without gaps within the replay
 * window; from before it the stream starts with `event: reset` (reload what you show). A
 * fresh stream starts with `event: ready`, whose id is where it stands. Comment lines every
 * 20 s keep it open; each also re-checks the sign-in, and a stream whose sign-in ended closes.
 */
export const eventRoutes = (knex: Knex, hub: EventHub): Router => {
  const r = new Router({ prefix: '/api' });
  r.get('/events', allowQuery('watch', 'lastEventId'), async (ctx) => {
    let auth = ctx.state.auth as AuthContext;
    const watch = parseWatch(queryString(ctx, 'watch'));
    const lastSeq = lastSeqOf(ctx);
    const body = new PassThrough();
    const write = (text: string) => void (!body.destroyed && body.write(text));
    let checking = false;
    const recheck = async () => {
      if (checking) return;
      checking = true;
      try {
        const fresh = await recheckSignIn(`${auth.tenant.id}:${auth.sessionId ?? auth.actor.id}:${auth.via}`, () => reauthenticate(ctx, knex));
        if (fresh.tenant.id !== auth.tenant.id || fresh.actor.id !== auth.actor.id) throw new Error('the stream belongs to another sign-in');
        auth = fresh;
      } catch {
        stream?.close();
      } finally {
        checking = false;
      }
    };
    const stream = await hub.open(
      {
        schema: auth.tenant.schema,
        userId: auth.actor.id,
        accepts: accepts(knex, () => auth, watch),
        send: (events) => write(events.map(frameOf).join('')),
        ready: (seq) => write(frame(seq, 'ready', { seq })),
        reset: (seq) => write(frame(seq, 'reset', { seq })),
        heartbeat: () => {
          write(': ping\n\n');
          void recheck();
        },
        buffered: () => body.writableLength + (ctx.res.writableLength ?? 0),
        end: () => body.end(),
      },
      lastSeq,
    );
    if (!stream) throw problem('TOO_MANY_EVENT_STREAMS', { max: EVENT_STREAMS_PER_USER });
    ctx.res.once('close', () => stream.close());
    ctx.req.socket.setNoDelay(true);
    ctx.req.socket.setKeepAlive(true);
    ctx.compress = false;
    ctx.status = 200;
    ctx.type = 'text/event-stream';
    ctx.set('Cache-Control', 'no-cache, no-transform');
    ctx.set('X-Accel-Buffering', 'no');
    body.write('retry: 3000\n\n');
    ctx.body = body;
  });
  return r;
};
