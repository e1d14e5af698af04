import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { isAppError } from '../errors.js';
import { getRecord } from '../records/index.js';
import type { Actor } from '../records/types.js';
import { prepareTenantWork } from './open-tenant-work.js';

/**
 * Which of the actors may read the record now (recycle bin included), each asked of the
 * record service as that actor — row scope, entity rights, the tenant's walls — in ONE
 * tenant transaction for them all (a live event reaches many readers at once). A record
 * an actor may not read and one that does not exist answer alike: not among them.
 */
export const readersOfRecord = async (knex: Knex, tenant: Tenant, actors: Actor[], entity: string, id: string): Promise<Set<string>> => {
  const readers = new Set<string>();
  if (!actors.length) return readers;
  const prepared = await prepareTenantWork(knex, { tenant, actor: actors[0], door: 'http' });
  await withTenant(knex, tenant, async (db) => {
    const base = prepared.context(db);
    for (const actor of actors) {
      try {
        await getRecord(entity, id, { ...base, actor }, { includeDeleted: true });
        readers.add(actor.id);
      } catch (e) {
        if (!(isAppError(e) && (e.status === 404 || e.status === 403))) throw e;
      }
    }
  });
  return readers;
};

/** Whether one actor may read the record now (see readersOfRecord). */
export const mayReadRecord = async (knex: Knex, who: { tenant: Tenant; actor: Actor }, entity: string, id: string): Promise<boolean> =>
  (await readersOfRecord(knex, who.tenant, [who.actor], entity, id)).has(who.actor.id);
