import type { Knex } from 'knex';
import type PgBoss from 'pg-boss';
import { config } from '../config/index.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { isAppError } from '../errors.js';
import { confirmUnsubscribe, deliverMail, finishQueuedMessage, hasQueued, interruptedSends, queueBulkSnapshot, takeQueuedMessage, type BulkJob, type Unsubscribed } from '../mail/index.js';
import { performRecordAction } from '../plugins/index.js';
import type { RecordContext } from '../records/types.js';
import { actorOfUser } from '../security/index.js';
import { readTenantSettings } from '../tenants/tenant-settings.js';
import { findTenant } from '../tenants/tenant-store.js';
import { enqueueJob, type JobQueue } from '../workflow/index.js';
import type { RunEnv } from '../workflow/runner/run-env.js';
import { openTenantWork, type WorkContext } from './open-tenant-work.js';
import { systemActor } from './system-work.js';

/** Where bulk mail waits for the worker (pg-boss, fed from the tenant's outbox). */
export const BULK_MAIL_QUEUE = 'crm-mail-bulk';
/** Messages one job sends before handing the rest to the next job (so no job runs long, and a crash loses little). */
export const BULK_MAIL_BATCH = 25;
/** Messages a tenant's bulk mail sends per minute at most, unless its settings say otherwise (`bulkMailPerMinute`). */
export const DEFAULT_BULK_PER_MINUTE = 300;
/** How long a bulk waits before looking again whether the tenant's earlier bulk is done. */
export const BULK_TURN_WAIT_SECONDS = 15;
/** An earlier bulk whose queued messages have not gone down for this long has stalled: the next one sends. */
export const BULK_STALLED_SECONDS = 20 * 60;
/** Above this many recipients a send needs confirming, unless the tenant's settings say otherwise (`bulkMailConfirmAbove`). */
export const DEFAULT_BULK_CONFIRM_ABOVE = 500;

const tenantOf = (ctx: RecordContext): Tenant => {
  const tenant = (ctx as Partial<WorkContext>).tenant;
  if (!tenant) throw new Error('queueBulkMail needs tenant work');
  return tenant;
};

/**
 * Queues a bulk mail from tenant work (the bulk mail route, a plugin's action or route): the
 * recipients snapshot as queued messages and the first job in the tenant's outbox, both kept
 * only if the transaction commits; the worker then sends them in batches (BULK_MAIL_QUEUE).
 * Answers the bulk's id, the records matched and how many will receive it.
 */
export const queueBulkMail = async (input: unknown, ctx: RecordContext, opts: { baseUrl?: string } = {}) => {
  const tenant = tenantOf(ctx);
  const settings = await readTenantSettings(ctx.db, tenant);
  const baseUrl = (opts.baseUrl ?? config().CRM_PUBLIC_URL ?? `http://localhost:${config().PORT ?? 3000}`).replace(/\/+$/, '');
  const queued = await queueBulkSnapshot(input, ctx, { confirmAbove: settings.bulkMailConfirmAbove ?? DEFAULT_BULK_CONFIRM_ABOVE, baseUrl });
  await enqueueJob(ctx.db, tenant.id, BULK_MAIL_QUEUE, [queued.job as unknown as Record<string, unknown>]);
  return { bulkId: queued.bulkId, total: queued.total, recipients: queued.recipients, status: 'queued' as const };
};

/** The sender as an actor now, or undefined when they are gone or no longer active. */
const senderOf = async (knex: Knex, tenant: Tenant, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return systemActor(knex, tenant.id);
  try {
    const actor = await actorOfUser({ tenantId: tenant.id, id }, { knex });
    return actor.active ? actor : undefined;
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 400)) return undefined;
    throw e;
  }
};

/** A bulk job that is waiting for an earlier bulk of its tenant: which, how many it had queued, since when. */
type TurnJob = BulkJob & { turn?: { bulk: string; queued: number; since: string } };

/** When the next batch may start so that the tenant sends at most `perMinute` messages a minute (undefined: now). */
const paced = (started: number, sent: number, perMinute: number): Date | undefined => {
  const at = started + Math.ceil((sent * 60_000) / perMinute);
  return at > Date.now() ? new Date(at) : undefined;
};

/**
 * A tenant's bulks take turns, oldest first (bulk ids are time-ordered): while an earlier bulk
 * still has queued messages this one waits (its job is queued again, BULK_TURN_WAIT_SECONDS
 * later) and answers what it waits for. An earlier bulk whose queued count has not gone down
 * for BULK_STALLED_SECONDS has stalled (its jobs failed for good): this one sends.
 */
const awaitTurn = async (knex: Knex, tenant: Tenant, job: TurnJob) =>
  withTenant(knex, tenant, async (trx) => {
    const earlier: { bulk_id: string; queued: number | string } | undefined = await trx('_mail_messages')
      .where({ status: 'queued' })
      .andWhere('bulk_id', '<', job.bulk)
      .groupBy('bulk_id')
      .orderBy('bulk_id')
      .first('bulk_id', trx.raw('count(*) as queued'));
    if (!earlier) return undefined;
    const queued = Number(earlier.queued);
    const moved = !job.turn || job.turn.bulk !== earlier.bulk_id || queued < job.turn.queued;
    const since = moved ? new Date().toISOString() : job.turn!.since;
    if (!moved && Date.now() - Date.parse(since) >= BULK_STALLED_SECONDS * 1000) return undefined;
    const next = { ...job, turn: { bulk: earlier.bulk_id, queued, since } };
    await enqueueJob(trx, tenant.id, BULK_MAIL_QUEUE, [next as unknown as Record<string, unknown>], new Date(Date.now() + BULK_TURN_WAIT_SECONDS * 1000));
    return { bulk: job.bulk, waiting: earlier.bulk_id };
  });

/**
 * One job of a bulk: up to BULK_MAIL_BATCH messages (fewer when the tenant's rate is lower), each taken (rendered, written `sending`)
 * and committed before it goes to the mail server, then logged sent or failed and its record
 * marked; then the next job is queued while messages remain. A retried job (the last attempt
 * crashed) first logs the messages that attempt left `sending` as failed, not sending them again.
 * A sender who is gone or inactive sends nothing more: the rest are skipped. The tenant's bulks
 * send one at a time (awaitTurn), and the next batch starts no sooner than the tenant's
 * `bulkMailPerMinute` (unset: DEFAULT_BULK_PER_MINUTE) allows.
 */
export const sendBulkBatch = async (job: PgBoss.JobWithMetadata<BulkJob & { t: string }>, env: RunEnv): Promise<unknown> => {
  const tenant = await env.tenants.tenant(job.data.t);
  if (!tenant) return { gone: 'tenant' };
  const { t: _t, ...data } = job.data;
  const actor = await senderOf(env.knex, tenant, data.actor);
  if (!actor) {
    await withTenant(env.knex, tenant, (trx) => trx('_mail_messages').where({ bulk_id: data.bulk, status: 'queued' }).update({ status: 'skipped', problem: 'the sender is no longer active' }));
    return { bulk: data.bulk, stopped: 'sender' };
  }
  const waiting = await awaitTurn(env.knex, tenant, data as TurnJob);
  if (waiting) return waiting;
  if (job.retryCount > 0) await withTenant(env.knex, tenant, (trx) => interruptedSends(data.bulk, trx));
  const work = { tenant, actor, door: 'mail' as const };
  const counts = { sent: 0, failed: 0, skipped: 0 };
  const perMinute = (await readTenantSettings(env.knex, tenant)).bulkMailPerMinute ?? DEFAULT_BULK_PER_MINUTE;
  const started = Date.now();
  for (let i = 0; i < Math.min(BULK_MAIL_BATCH, perMinute); i++) {
    const taken = await openTenantWork(env.knex, work, (ctx) => takeQueuedMessage(data, ctx, env.services.mail));
    if (!taken) return { bulk: data.bulk, ...counts, done: true };
    if (taken === 'skipped') {
      counts.skipped++;
      continue;
    }
    const delivery = await deliverMail(taken.mail, env.services.mail!);
    await openTenantWork(env.knex, work, (ctx) => finishQueuedMessage(data, taken, delivery, ctx));
    counts[delivery.ok ? 'sent' : 'failed']++;
  }
  const more = await withTenant(env.knex, tenant, async (trx) => {
    if (!(await hasQueued(data.bulk, trx))) return false;
    const { turn: _turn, ...next } = data as TurnJob;
    await enqueueJob(trx, tenant.id, BULK_MAIL_QUEUE, [next as unknown as Record<string, unknown>], paced(started, counts.sent + counts.failed, perMinute));
    return true;
  });
  return { bulk: data.bulk, ...counts, done: !more };
};

/** The bulk mail queue the worker serves. */
export const bulkMailQueue = (): JobQueue => ({
  name: BULK_MAIL_QUEUE,
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: 600,
  concurrency: 1,
  handle: sendBulkBatch as unknown as JobQueue['handle'],
});

/**
 * The unsubscribe link's one click (or the confirm page's button): records the opt-out; when it
 * is new and the link came in a bulk message whose sender asked for a record action, runs that
 * action on the message's record as the tenant's system actor (door `mail`), after the opt-out
 * committed: a failing action is reported to `onError` and never undoes the opt-out.
 */
export const unsubscribeByLink = async (knex: Knex, slug: string, token: string | undefined, onError: (e: unknown) => void = () => undefined): Promise<Unsubscribed> => {
  const done = await confirmUnsubscribe(knex, slug, token);
  if (done.fresh && done.record && done.action) {
    const { record, action } = done;
    try {
      const found = await findTenant(knex, slug);
      if (found) {
        const actor = await systemActor(knex, found.id);
        await openTenantWork(knex, { tenant: found, actor, door: 'mail' }, (ctx) => performRecordAction({ entity: record.entity, id: record.id, action, params: { address: done.address } }, ctx, ctx.runtime));
      }
    } catch (e) {
      onError(e);
    }
  }
  return done;
};
