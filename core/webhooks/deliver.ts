import type PgBoss from 'pg-boss';
import { withTenant, type Tenant } from '../db/tenant.js';
import { isAppError } from '../errors.js';
import { actorOfUser } from '../security/index.js';
import { safeRequest, type JobQueue } from '../workflow/index.js';
import type { RunEnv } from '../workflow/runner/run-env.js';
import { bodyForOwner } from './event-body.js';
import { signatureHeaders } from './sign.js';
import { WEBHOOK_QUEUE, type DeliveryRow, type DeliveryStatus } from './types.js';

export interface WebhookQueueSettings {
  /** Attempts after the first; default 7 (the last about 10 minutes after the first at the default delay). */
  retryLimit?: number;
  /** Seconds before the first retry, doubled each time; default 5. */
  retryDelaySeconds?: number;
  /** Seconds an attempt may wait for an answer; default 10. */
  timeoutSeconds?: number;
}

type Found = DeliveryRow & { url: string; secret: string; owner_id: string; active: boolean };

/** Logs an outcome on the delivery; `attempt`: it was a call (counted). */
const record = (env: RunEnv, tenant: Tenant, id: string, status: DeliveryStatus, values: Record<string, unknown> & { attempt?: boolean } = {}) =>
  withTenant(env.knex, tenant, async (trx) => {
    const { attempt, ...columns } = values;
    await trx('_webhook_deliveries')
      .where({ id })
      .update({ status, updated_at: trx.fn.now(), ...columns, ...(attempt && { attempts: trx.raw('attempts + 1') }) });
    return { status };
  });

const errorText = (e: unknown): string => (isAppError(e) ? e.message : ((e as Error)?.message ?? String(e))).slice(0, 1000);

/** The owner as an actor, or undefined when they are gone or no longer active. */
const ownerOf = async (env: RunEnv, tenant: Tenant, id: string) => {
  try {
    const owner = await actorOfUser({ tenantId: tenant.id, id }, { knex: env.knex });
    return owner.active ? owner : undefined;
  } catch (e) {
    if (isAppError(e) && e.status === 404) return undefined;
    throw e;
  }
};

/**
 * One attempt at a delivery: the event as the owner may read it now (skipped when they may
 * not, or the subscription is off), signed and POSTed through the outbound address guard;
 * every attempt is logged on the delivery (status, attempts, answer, duration, error). A
 * failure throws, so the queue retries it with backoff; the last one marks it dead.
 */
export const deliverWebhook = (settings: WebhookQueueSettings = {}) => async (job: PgBoss.JobWithMetadata<{ t: string; delivery?: unknown }>, env: RunEnv): Promise<unknown> => {
  const tenant = await env.tenants.tenant(job.data.t);
  const id = String(job.data.delivery ?? '');
  if (!tenant) return { gone: 'tenant' };
  const found = (await withTenant(env.knex, tenant, (trx) =>
    trx('_webhook_deliveries as d').join('_webhooks as w', 'w.id', 'd.webhook_id').where('d.id', id).first('d.*', 'w.url', 'w.secret', 'w.owner_id', 'w.active'),
  )) as Found | undefined;
  if (!found) return { gone: 'delivery' };
  if (!found.active) return record(env, tenant, id, 'skipped', { last_error: 'The subscription is paused' });
  const owner = await ownerOf(env, tenant, found.owner_id);
  const meta = await env.tenants.meta(tenant);
  const body = owner && (await withTenant(env.knex, tenant, (trx) => bodyForOwner(found.payload, id, owner, meta, trx)));
  if (!body) return record(env, tenant, id, 'skipped', { last_error: "The subscription's owner may not read this record" });
  const text = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'user-agent': 'crm-webhooks',
    'x-webhook-id': found.webhook_id,
    'x-delivery-id': id,
    'x-event': `${found.entity}.${found.event}`,
    ...signatureHeaders(found.secret, text),
  };
  const started = Date.now();
  let answer: { code: number | null; error: string | null };
  try {
    const res = await safeRequest(found.url, { method: 'POST', headers, body: text }, { allow: env.services.webhookAllow ?? [], timeoutMs: (settings.timeoutSeconds ?? 10) * 1000, maxResponseBytes: 1000 });
    answer = { code: res.status, error: res.status >= 200 && res.status < 300 ? null : `Answered ${res.status}: ${res.body.slice(0, 500)}` };
  } catch (e) {
    answer = { code: null, error: errorText(e) };
  }
  const logged = { attempt: true, response_code: answer.code, duration_ms: Date.now() - started, last_error: answer.error };
  if (!answer.error) {
    await record(env, tenant, id, 'delivered', { ...logged, delivered_at: new Date() });
    return { status: answer.code };
  }
  await record(env, tenant, id, job.retryCount >= job.retryLimit ? 'dead' : 'retrying', logged);
  throw new Error(answer.error);
};

/** The webhook delivery queue the worker serves. */
export const webhookQueue = (settings: WebhookQueueSettings = {}): JobQueue => ({
  name: WEBHOOK_QUEUE,
  retryLimit: settings.retryLimit ?? 7,
  retryDelaySeconds: settings.retryDelaySeconds ?? 5,
  expireInSeconds: (settings.timeoutSeconds ?? 10) * 6 + 60,
  concurrency: 2,
  handle: deliverWebhook(settings) as JobQueue['handle'],
});
