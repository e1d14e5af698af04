import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { notFound } from '../errors.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import { getRecord } from '../records/index.js';
import type { Actor, RecordContext } from '../records/types.js';
import { loadTenantRuntime } from './tenant-runtime.js';

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
 * undoes all of it. The caller checks the action right `<entity>.<action>` first.
 */
export const runRecordAction = async (input: RecordActionInput, ctx: { knex: Knex; actor: Actor }): Promise<unknown> => {
  const [meta, runtime] = await Promise.all([loadEffectiveMeta(ctx.knex, input.tenant), loadTenantRuntime(ctx.knex, input.tenant)]);
  const def = runtime.action(input.entity, input.action);
  if (!def || !meta.entities[input.entity]) throw notFound(`"${input.entity}" has no action "${input.action}"`);
  return withTenant(ctx.knex, input.tenant, async (db) => {
    const rctx: RecordContext = { db, meta, actor: ctx.actor, hooks: runtime.hooks };
    const record = await getRecord(input.entity, input.id, rctx);
    return def.run({ entity: input.entity, id: input.id, record, params: input.params ?? {} }, rctx);
  });
};
