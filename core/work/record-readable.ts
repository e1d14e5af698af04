import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { isAppError } from '../errors.js';
import { getRecord } from '../records/index.js';
import type { Actor } from '../records/types.js';
import { openTenantWork } from './open-tenant-work.js';

/**
 * Whether the actor may read the record now (recycle bin included), asked of the record
 * service as that actor: its row scope, entity rights and the tenant's walls. A record the
 * actor may not read and one that does not exist answer alike: false.
 */
export const mayReadRecord = async (knex: Knex, who: { tenant: Tenant; actor: Actor }, entity: string, id: string): Promise<boolean> => {
  try {
    await openTenantWork(knex, { tenant: who.tenant, actor: who.actor, door: 'http', oneStatement: true }, (ctx) => getRecord(entity, id, ctx, { includeDeleted: true }));
    return true;
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 403)) return false;
    throw e;
  }
};
