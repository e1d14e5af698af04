import pg from 'pg';
import type { Db } from '../../db/connect.js';
import { poolExecutor } from '../queue/sql-executor.js';
import { OUTBOX_CHANNEL } from '../runs/outbox.js';

interface PgliteLike {
  onNotification(cb: (channel: string, payload: string) => void): () => void;
}

/**
 * Calls `onTenant(tenantId)` whenever a transaction that wrote to a tenant's outbox
 * commits (NOTIFY). On PostgreSQL a dedicated connection listens and reconnects after
 * a failure; on PGlite the one connection listens. A missed notification only delays a
 * run until the relay's periodic sweep.
 */
export const listenOutbox = async (db: Db, onTenant: (tenantId: string) => void, onError: (e: unknown) => void = () => undefined): Promise<() => Promise<void>> => {
  if (db.backend === 'pglite') {
    const pglite = (db.knex.client as unknown as { pglite: PgliteLike }).pglite;
    const off = pglite.onNotification((channel, payload) => channel === OUTBOX_CHANNEL && onTenant(payload));
    await poolExecutor(db.knex).executeSql(`listen ${OUTBOX_CHANNEL}`);
    return async () => off();
  }
  const { connectionString } = db.knex.client.config.connection as { connectionString: string };
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, application_name: 'crm-workflow-relay' });
    c.on('notification', (n) => n.channel === OUTBOX_CHANNEL && n.payload && onTenant(n.payload));
    c.on('error', (e) => {
      onError(e);
      c.end().catch(() => undefined); // closing a client that already failed: its error went to onError above
      if (!stopped) retry = setTimeout(() => void connect().catch(onError), 1000);
    });
    await c.connect();
    await c.query(`listen ${OUTBOX_CHANNEL}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined); // stopping: a client that fails to close is gone either way
  };
};
