import type { Knex } from 'knex';
import { withTenant } from '../db/tenant.js';
import { getTenant } from '../tenants/tenant-store.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import { loadTenantRuntime } from '../plugins/index.js';
import type { Actor, RecordContext } from '../records/types.js';
import { listUsers } from '../security/index.js';

/** Who the command line acts as when the tenant has no active admin: records it writes have no creator or owner. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'crm command line', roles: [], team: null, isAdmin: true };

/** The tenant's system actor: its first active admin (by e-mail), so records get a real creator, else SYSTEM_ACTOR. */
export const systemActor = async (knex: Knex, tenantId: string): Promise<Actor> => {
  const admin = (await listUsers({ tenantId }, { knex })).find((u) => u.isAdmin && u.active);
  return admin ? { id: admin.id, name: admin.name, roles: admin.roles, team: admin.team, isAdmin: true } : SYSTEM_ACTOR;
};

/**
 * Runs `fn` in one tenant transaction as the tenant's system actor, with the tenant's
 * effective metadata and plugin hooks: what a request gets, for the command line.
 */
export const asTenantSystem = async <T>(knex: Knex, slug: string, fn: (ctx: RecordContext) => Promise<T>): Promise<T> => {
  const tenant = await getTenant(knex, slug);
  const [meta, runtime, actor] = await Promise.all([loadEffectiveMeta(knex, tenant), loadTenantRuntime(knex, tenant), systemActor(knex, tenant.id)]);
  return withTenant(knex, tenant, (db) => fn({ db, meta, actor, hooks: runtime.hooks }));
};
