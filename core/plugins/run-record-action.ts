import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { notFound } from '../errors.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import { getRecord } from './interim-records.js';
import { loadTenantRuntime } from './tenant-runtime.js';
import type { PluginActor } from './types.js';

export interface RecordActionInput {
  tenant: Tenant;
  entity: string;
  id: string;
  action: string;
  params?: Record<string, unknown>;
}

/**
 * POST /api/records/:entity/:id/actions/:action: runs an installed plugin's record
 * action in one tenant transaction with the record loaded (404 for an unknown action or
 * record). The caller checks the action right `<entity>.<action>` first.
 */
export const runRecordAction = async (input: RecordActionInput, ctx: { knex: Knex; actor: PluginActor }): Promise<unknown> => {
  const meta = await loadEffectiveMeta(ctx.knex, input.tenant);
  const runtime = await loadTenantRuntime(ctx.knex, input.tenant);
  const def = runtime.action(input.entity, input.action);
  if (!def) throw notFound(`"${input.entity}" has no action "${input.action}"`);
  return withTenant(ctx.knex, input.tenant, async (db) => {
    const rctx = { db, meta, actor: ctx.actor, hooks: runtime.hooks };
    const record = await getRecord(input.entity, input.id, rctx);
    return def.run({ entity: input.entity, id: input.id, record, params: input.params ?? {} }, rctx);
  });
};
