import type { Knex } from 'knex';
import { quoteIdent } from '../db/tenant.js';
import type { StoredEvent } from './types.js';

interface EventRow {
  seq: string | number;
  at: Date | string;
  topic: string;
  audience: StoredEvent['audience'];
  data: StoredEvent['data'];
}

const toEvent = (r: EventRow): StoredEvent => ({
  seq: Number(r.seq),
  at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
  topic: r.topic,
  audience: r.audience,
  data: r.data ?? {},
});

/**
 * The committed events of a tenant after `afterSeq`, in delivery order (at most `limit`).
 * Read by the engine's connection, as the workflow relay reads the outbox: the schema
 * name comes from crm_system.tenants.
 */
export const readEvents = async (knex: Knex, schema: string, afterSeq: number, limit = 500): Promise<StoredEvent[]> => {
  const { rows } = (await knex.raw(
    `select seq, at, topic, audience, data from ${quoteIdent(schema)}._events where seq > ? order by seq limit ?`,
    [afterSeq, limit],
  )) as { rows: EventRow[] };
  return rows.map(toEvent);
};

/** The last seq given so far (0: none) and the horizon: a resume from below it has lost events. */
export const eventPosition = async (knex: Knex, schema: string): Promise<{ last: number; horizon: number }> => {
  const s = quoteIdent(schema);
  const { rows } = (await knex.raw(`select greatest((select max(seq) from ${s}._events), (select seq from ${s}._events_horizon), 0) as last, (select seq from ${s}._events_horizon) as horizon`)) as {
    rows: { last: string | number; horizon: string | number | null }[];
  };
  return { last: Number(rows[0].last), horizon: Number(rows[0].horizon ?? 0) };
};
