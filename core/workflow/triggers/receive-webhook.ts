import type { Knex } from 'knex';
import { isAppError, notFound, problem } from '../../errors.js';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { getTenant } from '../../tenants/tenant-store.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import { workflowsOf } from '../definitions.js';
import { startRuns } from '../runs/start-runs.js';
import { signatureMatches, storedSecret } from './webhook-secret.js';

export interface InboundWebhook {
  tenant: string;
  workflow: string;
  /** The raw body, exactly as sent (the signature covers these bytes). */
  body: string;
  signature?: string;
  /** X-Delivery-Id: a repeated delivery starts no second run. */
  deliveryId?: string;
  /** X-Timestamp (Unix seconds): signed with the body; deliveries older than the window are refused. */
  timestamp?: string;
}

/** How far X-Timestamp may be from the server's clock, either way. */
export const WEBHOOK_WINDOW_SECONDS = 300;

const assertFresh = (timestamp: string | undefined, now: Date): void => {
  if (timestamp === undefined) return;
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > WEBHOOK_WINDOW_SECONDS) {
    throw problem('STALE_WEBHOOK', { minutes: WEBHOOK_WINDOW_SECONDS / 60 });
  }
};

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/**
 * An inbound webhook: the tenant's enabled webhook workflow of that name, a secret set
 * for it, and X-Signature matching the raw body; then one run with the body as
 * `$payload`. Unknown tenant or workflow: 404; no or wrong signature, or an X-Timestamp
 * outside the window: 401.
 */
export const receiveWebhook = async (input: InboundWebhook, deps: { knex: Knex; meta: (t: Tenant) => Promise<EffectiveMeta>; now?: Date }): Promise<{ runId: string | null }> => {
  assertFresh(input.timestamp, deps.now ?? new Date());
  const tenant = await getTenant(deps.knex, input.tenant).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) return undefined;
    throw e;
  });
  const wf = tenant && workflowsOf(await deps.meta(tenant)).find((w) => w.name === input.workflow && w.trigger.on === 'webhook');
  if (!tenant || !wf) throw notFound('No such webhook');
  return withTenant(deps.knex, tenant, async (trx) => {
    const secret = await storedSecret(trx, wf.name);
    if (!secret || !signatureMatches(secret, input.body, input.signature, input.timestamp)) throw problem('BAD_SIGNATURE');
    const dedupeKey = input.deliveryId ? `webhook:${wf.name}:${input.deliveryId.slice(0, 200)}` : null;
    const [runId] = await startRuns(trx, tenant.id, [{ workflow: wf.name, trigger: 'webhook', entity: wf.entity ?? null, input: { payload: parse(input.body) }, depth: 0, dedupeKey }]);
    return { runId: runId ?? null };
  });
};
