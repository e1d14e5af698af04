import type { Knex } from 'knex';
import type { Tenant, TenantGate } from '../db/tenant.js';
import { performRecordAction, type RecordActionInput } from '../plugins/index.js';
import type { Actor } from '../records/types.js';
import { openTenantWork } from './open-tenant-work.js';

/**
 * POST /api/records/:entity/:id/actions/:action and the plugin test kit: a plugin's record
 * action through the one tenant-work builder (door `action`), so the action's writes fire
 * the plugins' hooks and the workflow triggers like any other write. One transaction: a
 * failure undoes all of it.
 */
export const runRecordAction = async (
  knex: Knex,
  input: RecordActionInput & { tenant: Tenant },
  caller: { actor: Actor; gate?: TenantGate; recheck?: () => Promise<{ tenant: Tenant; actor: Actor }> },
): Promise<unknown> => openTenantWork(knex, { tenant: input.tenant, door: 'action', ...caller }, (ctx) => performRecordAction(input, ctx, ctx.runtime));
