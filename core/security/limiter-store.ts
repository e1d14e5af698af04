import type { Knex } from 'knex';

/**
 * rate-limiter-flexible's Postgres store needs one method, `query({ text, values })`. This
 * shim borrows a connection from knex for each query, which works for both the pg pool
 * and PGlite, so every API process shares the counts in Postgres.
 */
export const limiterStoreOf = (knex: Knex) => ({
  query: async (q: { text: string; values?: unknown[] }) => {
    const client = knex.client as { acquireConnection(): Promise<{ query(t: string, v?: unknown[]): Promise<unknown> }>; releaseConnection(c: unknown): Promise<void> };
    const conn = await client.acquireConnection();
    try {
      return await conn.query(q.text, q.values);
    } finally {
      await client.releaseConnection(conn);
    }
  },
});
