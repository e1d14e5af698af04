import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { readersAmong } from '../records/index.js';
import type { Actor } from '../records/types.js';
import { prepareTenantWork } from './open-tenant-work.js';

/**
 * Which of the actors may read the record now (recycle bin included): row scope, entity
 * rights and the tenant's walls, as the record service reads it, in ONE tenant transaction
 * and one statement for them all (readersAmong: one check per group of actors with the same
 * effective read right, not per actor; a live event reaches many readers at once). A
 * record an actor may not read and one that does not exist answer alike: not among them.
 */
export const readersOfRecord = async (knex: Knex, tenant: Tenant, actors: Actor[], entity: string, id: string): Promise<Set<string>> => {
  if (!actors.length) return new Set();
  const prepared = await prepareTenantWork(knex, { tenant, actor: actors[0], door: 'http' });
  return withTenant(knex, tenant, (db) => readersAmong(entity, id, actors, prepared.context(db)));
};

/** Whether one actor may read the record now (see readersOfRecord). */
export const mayReadRecord = async (knex: Knex, who: { tenant: Tenant; actor: Actor }, entity: string, id: string): Promise<boolean> =>
  (await readersOfRecord(knex, who.tenant, [who.actor], entity, id)).has(who.actor.id);
