import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { notFound } from '../errors.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import type { PluginRequest } from './plugin-api.js';
import { recordActor } from './record-actor.js';
import { loadTenantRuntime } from './tenant-runtime.js';
import type { PluginActor } from './types.js';

export interface PluginRouteInput {
  tenant: Tenant;
  plugin: string;
  method: string;
  /** The path after /api/x/<plugin>, e.g. `/stock/0190…`. */
  path: string;
  query?: PluginRequest['query'];
  body?: unknown;
}

/**
 * /api/x/<plugin>/…: runs the matching route of a plugin the tenant has installed, in
 * one tenant transaction with the tenant's record hooks; 404 when the plugin is not
 * installed or has no such route. Pass the requester's whole Actor: one with only id and
 * name reads and writes records with no roles.
 */
export const handlePluginRoute = async (input: PluginRouteInput, ctx: { knex: Knex; actor: PluginActor }): Promise<unknown> => {
  const runtime = await loadTenantRuntime(ctx.knex, input.tenant);
  const match = runtime.plugins.includes(input.plugin) ? runtime.route(input.plugin, input.method, input.path) : undefined;
  if (!match) throw notFound(`No route ${input.method.toUpperCase()} /api/x/${input.plugin}${input.path}`);
  const meta = await loadEffectiveMeta(ctx.knex, input.tenant);
  const actor = recordActor(ctx.actor, { isAdmin: false });
  return withTenant(ctx.knex, input.tenant, (db) =>
    match.def.handler({ params: match.params, query: input.query ?? {}, body: input.body }, { db, meta, actor, hooks: runtime.hooks, tenant: input.tenant }),
  );
};
