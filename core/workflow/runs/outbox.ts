import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';

/** The channel relays LISTEN on; the payload is the tenant id. */
export const OUTBOX_CHANNEL = 'crm_workflow_outbox';

/**
 * Wakes a run later (or now) from inside a tenant transaction: an outbox row and a
 * notification, both kept only if the transaction commits.
 */
export const wakeRun = async (db: Knex.Transaction, tenantId: string, runId: string, notBefore?: Date | null): Promise<void> => {
  await db.raw(`insert into _wf_outbox (id, run_id, not_before) values (?, ?, ?)`, [uuidv7(), runId, notBefore ?? null]);
  await db.raw(`select pg_notify(?, ?)`, [OUTBOX_CHANNEL, tenantId]);
};

/**
 * Sends a job to another queue than workflow runs from inside a tenant transaction: an
 * outbox row naming the queue and the job's data (the relay adds `t`, the tenant id), and
 * a notification; both kept only if the transaction commits.
 */
export const enqueueJob = async (db: Knex.Transaction, tenantId: string, queue: string, data: Record<string, unknown>[], notBefore?: Date | null): Promise<void> => {
  if (!data.length) return;
  const rows = data.map((d) => ({ id: uuidv7(), queue, data: JSON.stringify(d), not_before: notBefore ?? null }));
  await db('_wf_outbox').insert(rows);
  await db.raw(`select pg_notify(?, ?)`, [OUTBOX_CHANNEL, tenantId]);
};
