import type { Knex } from 'knex';
import type { Actor, Door } from '../records/types.js';
import { getTenant } from '../tenants/tenant-store.js';
import { listUsers } from '../security/index.js';
import { openTenantWork, type WorkContext } from './open-tenant-work.js';

/** Who the command line acts as when the tenant has no active admin: records it writes have no creator or owner. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'crm command line', roles: [], team: null, isAdmin: true };

/** The tenant's system actor: its first active admin (by e-mail), so records get a real creator, else SYSTEM_ACTOR. */
export const systemActor = async (knex: Knex, tenantId: string): Promise<Actor> => {
  const admin = (await listUsers({ tenantId }, { knex })).find((u) => u.isAdmin && u.active);
  return admin ? { id: admin.id, name: admin.name, roles: admin.roles, team: admin.team, isAdmin: true } : SYSTEM_ACTOR;
};

/**
 * Runs `fn` in one tenant transaction as the tenant's system actor through the one
 * tenant-work builder: what a request gets (metadata, plugin hooks, workflow triggers),
 * for the command line (`cli`) and its imports (`import`, which alone may pass
 * `workflows: false` when the admin asks).
 */
export const openSystemWork = async <T>(
  knex: Knex,
  slug: string,
  fn: (ctx: WorkContext) => Promise<T>,
  opts: { door?: Extract<Door, 'cli' | 'import'>; workflows?: boolean } = {},
): Promise<T> => {
  const tenant = await getTenant(knex, slug);
  const actor = await systemActor(knex, tenant.id);
  return openTenantWork(knex, { tenant, actor, door: opts.door ?? 'cli', workflows: opts.workflows }, fn);
};
