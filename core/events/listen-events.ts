import pg from 'pg';
import type { Db } from '../db/connect.js';
import { EVENTS_CHANNEL } from './types.js';

interface PgliteLike {
  onNotification(cb: (channel: string, payload: string) => void): () => void;
}

export interface EventListenerHooks {
  /** A transaction that published events in this schema committed. */
  onSchema(schema: string): void;
  /** The listening connection came back after a failure: notifications may have been missed meanwhile. */
  onReconnect(): void;
  onError(e: unknown): void;
}

/**
 * Listens for committed events (NOTIFY crm_events, payload: the tenant's schema). On
 * PostgreSQL a dedicated client listens, so notifications from every server process
 * arrive, and reconnects a second after a failure; on PGlite its one connection listens
 * (NOTIFY is delivered in-process on commit). Returns the stop function.
 */
export const listenEvents = async (db: Db, hooks: EventListenerHooks): Promise<() => Promise<void>> => {
  if (db.backend === 'pglite') {
    const pglite = (db.knex.client as unknown as { pglite: PgliteLike }).pglite;
    const off = pglite.onNotification((channel, payload) => channel === EVENTS_CHANNEL && hooks.onSchema(payload));
    await db.knex.raw(`listen ${EVENTS_CHANNEL}`);
    return async () => off();
  }
  const { connectionString } = db.knex.client.config.connection as { connectionString: string };
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (again: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString, application_name: 'crm-live-events' });
    c.on('notification', (n) => n.channel === EVENTS_CHANNEL && n.payload && hooks.onSchema(n.payload));
    c.on('error', (e) => {
      hooks.onError(e);
      c.end().catch(() => undefined); // a client that already failed: its error went to onError above
      if (client === c) client = undefined;
      if (!stopped) retry = setTimeout(() => void connect(true).catch(retryLater), 1000);
    });
    await c.connect();
    await c.query(`listen ${EVENTS_CHANNEL}`);
    if (stopped) return void (await c.end().catch(() => undefined));
    client = c;
    if (again) hooks.onReconnect();
  };
  const retryLater = (e: unknown) => {
    hooks.onError(e);
    if (!stopped) retry = setTimeout(() => void connect(true).catch(retryLater), 1000);
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined); // stopping: a client that fails to close is gone either way
  };
};
