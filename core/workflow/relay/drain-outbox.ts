import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { JOBS_SCHEMA, RUN_QUEUE } from '../queue/queue-names.js';
import { quoteIdent } from './tenant-directory.js';

/**
 * Moves up to `limit` of a tenant's outbox rows into the job queue in ONE statement (one
 * round trip, atomic): it deletes the rows it can lock (SKIP LOCKED, so relays in other
 * processes take other rows) and inserts their jobs — a run's wake-up, or a job for the
 * queue the row names; job id = outbox id; a wake for later keeps its time as the job's
 * start — with the queue's retry, expiry, retention and dead-letter options, as pg-boss's
 * own insert (10.x) sets them. A crash leaves both or neither. Rows for a queue this worker
 * does not serve (`queues`) wait for one that does. Returns how many rows were taken.
 * `priority` (0 or less) orders the jobs against other tenants' in the queue (higher first).
 */
export const drainOutbox = async (knex: Knex, tenant: Tenant, limit: number, queues: string[] = [], priority = 0): Promise<number> => {
  const table = `${quoteIdent(tenant.schema)}._wf_outbox`;
  const { rows } = await knex.raw(
    `with taken as (
       delete from ${table} where id in (
         select id from ${table} where queue is null or queue = any(?::text[]) order by id limit ? for update skip locked)
       returning id, run_id, not_before, queue, data
     ), jobs as (
       select t.id, q.*, coalesce(t.not_before, now()) as start_after,
         case when t.queue is null then jsonb_build_object('t', ?::text, 'run', t.run_id)
              else coalesce(t.data, '{}'::jsonb) || jsonb_build_object('t', ?::text) end as job_data
       from taken t join ${JOBS_SCHEMA}.queue q on q.name = coalesce(t.queue, ?)
     ), moved as (
       insert into ${JOBS_SCHEMA}.job (id, name, data, priority, start_after, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
       select id, name, job_data, ?::int, start_after, dead_letter,
         coalesce(expire_seconds * interval '1 second', interval '15 minutes'),
         start_after + coalesce(retention_minutes * interval '1 minute', interval '14 days'),
         coalesce(retry_limit, 2),
         case when coalesce(retry_backoff, false) then greatest(coalesce(retry_delay, 0), 1) else coalesce(retry_delay, 0) end,
         coalesce(retry_backoff, false), policy
       from jobs
       on conflict do nothing
       returning 1
     )
     select (select count(*) from taken)::int as taken, (select count(*) from moved)::int as moved`,
    [queues, limit, tenant.id, tenant.id, RUN_QUEUE, priority],
  );
  return Number(rows[0].taken);
};
