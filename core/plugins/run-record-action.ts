import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { forbidden, notFound } from '../errors.js';
import { entityRights, hasActionRight } from '../security/access/index.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import { getRecord, writeHistory } from '../records/index.js';
import type { Actor, RecordContext } from '../records/types.js';
import { loadTenantRuntime, type TenantRuntime } from './tenant-runtime.js';

export interface RecordActionInput {
  tenant: Tenant;
  entity: string;
  id: string;
  action: string;
  params?: Record<string, unknown>;
}

/**
 * POST /api/records/:entity/:id/actions/:action: runs an installed plugin's record
 * action in one tenant transaction with the record loaded through the record service
 * (404 for an unknown entity, action or record). Every record the action writes goes
 * through the record service with the tenant's hooks, in that transaction: a failure
 * undoes all of it. The record must be readable by the actor (else 404) and the actor
 * needs the action right `<entity>.<action>` (else 403, nothing runs).
 */
export const runRecordAction = async (input: RecordActionInput, ctx: { knex: Knex; actor: Actor }): Promise<unknown> => {
  const [meta, runtime] = await Promise.all([loadEffectiveMeta(ctx.knex, input.tenant), loadTenantRuntime(ctx.knex, input.tenant)]);
  return withTenant(ctx.knex, input.tenant, (db) => performRecordAction(input, { db, meta, actor: ctx.actor, hooks: runtime.hooks }, runtime));
};

/**
 * The action itself, in the caller's tenant transaction and record context (whose hooks
 * may add more than the plugins', e.g. workflow triggers, so the action's writes start
 * workflows like any other write).
 */
export const performRecordAction = async (input: Omit<RecordActionInput, 'tenant'>, rctx: RecordContext, runtime: TenantRuntime): Promise<unknown> => {
  const def = runtime.action(input.entity, input.action);
  if (!def || !rctx.meta.entities[input.entity]) throw notFound(`"${input.entity}" has no action "${input.action}"`);
  const record = await getRecord(input.entity, input.id, rctx);
  const rights = entityRights(rctx.meta.entities[input.entity], rctx.actor, rctx.meta);
  if (!hasActionRight(rights, `${input.entity}.${input.action}`)) {
    throw forbidden(`You may not run "${input.action}" on ${input.entity} records (needs the "${input.entity}.${input.action}" right)`, { code: 'NO_ACTION_RIGHT' });
  }
  const result = await def.run({ entity: input.entity, id: input.id, record, params: input.params ?? {} }, rctx);
  await writeHistory(input.entity, input.id, `action:${input.action}`, {}, rctx);
  return result;
};
