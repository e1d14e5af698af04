import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { RunInput, RunStatus, TriggerKind } from '../types.js';
import { OUTBOX_CHANNEL } from './outbox.js';

export interface NewRun {
  workflow: string;
  trigger: TriggerKind;
  entity?: string | null;
  recordId?: string | null;
  input: RunInput;
  depth: number;
  /** Runs with the same key start once (a cron slot, a date, a webhook delivery id). */
  dedupeKey?: string | null;
  actorId?: string | null;
  /** `stopped` records a run that may not start (the loop limit) without waking it. */
  status?: Extract<RunStatus, 'pending' | 'stopped'>;
  error?: { code: string; message: string };
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Records runs and their first wake-up in the caller's tenant transaction: `_wf_runs`
 * rows (a repeated dedupe key is skipped), one `_wf_outbox` row per pending run and a
 * notification to the relays, which Postgres delivers only if the transaction commits.
 * One round trip. Returns the ids of the runs made.
 */
export const startRuns = async (db: Knex.Transaction, tenantId: string, runs: NewRun[]): Promise<string[]> => {
  if (!runs.length) return [];
  const bindings: (string | number | null)[] = [];
  const rows = runs.map((r) => {
    bindings.push(uuidv7(), r.workflow, r.trigger, r.entity ?? null, isUuid(r.recordId) ? r.recordId : null, r.status ?? 'pending', r.depth, JSON.stringify(r.input), r.dedupeKey ?? null, isUuid(r.actorId) ? r.actorId : null, r.error ? JSON.stringify(r.error) : null);
    return '(?::uuid, ?, ?, ?, ?::uuid, ?, ?::int, ?::jsonb, ?, ?::uuid, ?::jsonb)';
  });
  const { rows: made } = await db.raw(
    `with r as (
       insert into _wf_runs (id, workflow, trigger, entity, record_id, status, depth, input, dedupe_key, actor_id, error)
       values ${rows.join(', ')}
       on conflict (dedupe_key) do nothing
       returning id, status
     ), o as (
       insert into _wf_outbox (id, run_id) select id, id from r where status = 'pending' returning 1
     )
     select r.id, (select count(*) from o) as woken, pg_notify(?, ?) from r`,
    [...bindings, OUTBOX_CHANNEL, tenantId],
  );
  return made.map((r: { id: string }) => r.id);
};
