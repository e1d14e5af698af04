import type { Knex } from 'knex';

/** What pg-boss needs of a database: one statement (or, without values, a script) and its rows. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  /** PGlite only: several statements in one call (pg-boss's locked maintenance scripts). */
  exec?(text: string): Promise<{ rows: any[] }[]>;
}

interface PooledClient {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(conn: RawConnection): Promise<unknown>;
}

const runOn = async (conn: RawConnection, text: string, values?: unknown[]): Promise<{ rows: any[] }> => {
  if (conn.exec && (!values || values.length === 0)) {
    const results = await conn.exec(text);
    return results[results.length - 1] ?? { rows: [] };
  }
  return conn.query(text, values);
};

const overClient = (client: PooledClient): SqlExecutor => ({
  async executeSql(text, values) {
    const conn = await client.acquireConnection();
    try {
      return await runOn(conn, text, values);
    } finally {
      await client.releaseConnection(conn);
    }
  },
});

/**
 * Statements over knex's own pool: each takes a connection and gives it back. On PGlite
 * (one connection) this queues pg-boss's SQL behind the engine's transactions instead of
 * letting it run inside one of them.
 */
export const poolExecutor = (knex: Knex): SqlExecutor => overClient(knex.client as unknown as PooledClient);

/** Statements inside an open knex transaction, so a job is sent (or not) with its commit. */
export const transactionExecutor = (trx: Knex.Transaction): SqlExecutor => overClient(trx.client as unknown as PooledClient);
