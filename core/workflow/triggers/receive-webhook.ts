import type { Knex } from 'knex';
import { AppError, notFound } from '../../errors.js';
import { getTenant, withTenant, type Tenant } from '../../db/tenant.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import { workflowsOf } from '../definitions.js';
import { startRuns } from '../runs/start-runs.js';
import { ensureWorkflowTables } from '../tables/ensure-tables.js';
import { signatureMatches, storedSecret } from './webhook-secret.js';

export interface InboundWebhook {
  tenant: string;
  workflow: string;
  /** The raw body, exactly as sent (the signature covers these bytes). */
  body: string;
  signature?: string;
  /** X-Delivery-Id: a repeated delivery starts no second run. */
  deliveryId?: string;
}

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
 * `$payload`. Unknown tenant or workflow: 404; no or wrong signature: 401.
 */
export const receiveWebhook = async (input: InboundWebhook, deps: { knex: Knex; meta: (t: Tenant) => Promise<EffectiveMeta> }): Promise<{ runId: string | null }> => {
  const tenant = await getTenant(deps.knex, input.tenant).catch(() => undefined);
  const wf = tenant && workflowsOf(await deps.meta(tenant)).find((w) => w.name === input.workflow && w.trigger.on === 'webhook');
  if (!tenant || !wf) throw notFound('No such webhook');
  await ensureWorkflowTables(deps.knex, tenant);
  return withTenant(deps.knex, tenant, async (trx) => {
    const secret = await storedSecret(trx, wf.name);
    if (!secret || !signatureMatches(secret, input.body, input.signature)) throw new AppError('BAD_SIGNATURE', 401, 'X-Signature does not match the body');
    const dedupeKey = input.deliveryId ? `webhook:${wf.name}:${input.deliveryId.slice(0, 200)}` : null;
    const [runId] = await startRuns(trx, tenant.id, [{ workflow: wf.name, trigger: 'webhook', entity: wf.entity ?? null, input: { payload: parse(input.body) }, depth: 0, dedupeKey }]);
    return { runId: runId ?? null };
  });
};
