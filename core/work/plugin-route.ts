import type { Knex } from 'knex';
import { publishPluginEvent } from '../events/index.js';
import type { Tenant, TenantGate } from '../db/tenant.js';
import { notFound, problem } from '../errors.js';
import { PLUGIN_ROUTE_BODY_LIMIT, type PluginRequest, type PluginRouteContext, type PluginRouteDef } from '../plugins/plugin-api.js';
import { entityRights, hasActionRight } from '../security/access/index.js';
import type { Actor } from '../records/types.js';
import { audit, type AuditEvent, type PortalUser } from '../security/index.js';
import { openTenantWork, type WorkContext } from './open-tenant-work.js';
import { portalAttributes } from './portal-work.js';
import { readFile } from '../files/index.js';
import { enqueuePluginJob } from './plugin-jobs.js';
import { routeRecords } from './route-records.js';
import { runtimeOf } from './runtime-cache.js';

export interface PluginRouteInput {
  tenant: Tenant;
  plugin: string;
  method: string;
  /** The path after /api/x/<plugin>, e.g. `/stock/0190…`. */
  path: string;
  query?: PluginRequest['query'];
  body?: unknown;
  /** The body's size in bytes, checked against the route's limit. */
  bodyBytes?: number;
  /** Request headers (lower-case names) and the body as sent. */
  headers?: PluginRequest['headers'];
  rawBody?: string;
}

/** Who calls: a signed-in user (with a remembered sign-in's gate and re-check), or nobody (a public route). */
export type PluginRouteCaller =
  | { actor: Actor; gate?: TenantGate; recheck?: () => Promise<{ tenant: Tenant; actor: Actor }> }
  | {
      public: true;
      /** The request's portal user of this tenant, if any: asked only for a route that declares `portalSession` (it may throw CSRF). */
      portalUser?: () => Promise<PortalUser | undefined>;
    };

/** The actor a public route runs as: named after the plugin, with only the roles the route declares. */
export const publicActor = (plugin: string, def: PluginRouteDef): Actor => ({ id: `public:${plugin}`, name: `${plugin} (public)`, roles: def.publicRoles ?? [], team: null, isAdmin: false });

const checkRights = (def: PluginRouteDef, ctx: WorkContext): void => {
  for (const right of def.rights ?? []) {
    if (right === 'admin') {
      if (!ctx.actor.isAdmin) throw problem('ADMIN_ONLY', { what: 'use this' });
      continue;
    }
    const entity = right.split('.')[0];
    const doc = ctx.meta.entities[entity];
    if (!doc || !hasActionRight(entityRights(doc, ctx.actor, ctx.meta), right)) throw problem('NO_ACTION_RIGHT', { right });
  }
};

/**
 * /api/x/<plugin>/… (and a public route's /api/public/<tenant>/x/<plugin>/…): runs the
 * matching route of a plugin the tenant has installed through the one tenant-work builder
 * (door `plugin-route`): as the caller, behind the tenant gate, with the rights the route
 * declares checked first, and with the record service (row scope, field access, hooks,
 * workflows) as its only way to records. Raw SQL only through `ctx.system` on a route that
 * declares `systemAccess`; each use is audited. 404 when the plugin is not installed or has
 * no such route (and for a signed-in route asked publicly, or the other way round).
 */
export const handlePluginRoute = async (knex: Knex, input: PluginRouteInput, caller: PluginRouteCaller): Promise<unknown> => {
  const runtime = await runtimeOf(knex, input.tenant);
  const match = runtime.plugins.includes(input.plugin) ? runtime.route(input.plugin, input.method, input.path) : undefined;
  const isPublic = 'public' in caller;
  if (!match || Boolean(match.def.public) !== isPublic) throw notFound(`No route ${input.method.toUpperCase()} ${input.path} in plugin ${input.plugin}`);
  const { def, params } = match;
  const limit = def.bodyLimit ?? PLUGIN_ROUTE_BODY_LIMIT;
  if ((input.bodyBytes ?? 0) > limit) throw problem('PAYLOAD_TOO_LARGE', { limit: `${limit} bytes` });
  const audits: AuditEvent[] = [];
  const who = isPublic ? { actor: publicActor(input.plugin, def) } : caller;
  const visitor = isPublic && def.portalSession ? await caller.portalUser?.() : undefined;
  try {
    return await openTenantWork(knex, { tenant: input.tenant, door: 'plugin-route', ...who }, async (wctx) => {
      checkRights(def, wctx);
      const attributes = visitor && (await portalAttributes(visitor, wctx));
      const ctx: PluginRouteContext = {
        tenant: wctx.tenant,
        meta: wctx.meta,
        actor: wctx.actor,
        records: routeRecords(wctx),
        system: async (fn) => {
          if (!def.systemAccess) throw new Error(`Route ${def.method} ${def.path} of plugin ${input.plugin} uses system access without declaring systemAccess`);
          audits.push({
            tenantId: input.tenant.id,
            actorId: /^[0-9a-f-]{36}$/i.test(wctx.actor.id) ? wctx.actor.id : null,
            action: 'plugin.system_access',
            target: `${input.plugin} ${def.method} ${def.path}`,
            details: { reason: def.systemAccess, path: input.path },
          });
          return fn(wctx.db);
        },
        publish: async (event) => {
          if (!event.topic.startsWith(`${input.plugin}.`)) throw new Error(`Plugin ${input.plugin} publishes topics named ${input.plugin}.<name>, not "${event.topic}"`);
          await publishPluginEvent(event, wctx);
        },
        readFile: (id) => readFile(id, wctx),
        ...(visitor && attributes && { portalUser: { id: visitor.id, name: visitor.name, email: visitor.email, role: visitor.role, attributes } }),
        enqueue: async (job, data) => {
          if (!wctx.runtime.job(input.plugin, job)) throw new Error(`Plugin ${input.plugin} has no job "${job}"`);
          if (!/^[0-9a-f-]{36}$/i.test(wctx.actor.id)) throw new Error(`Jobs run as a user; ${input.plugin} queued "${job}" from a public route`);
          await enqueuePluginJob(wctx.db, wctx.tenant, input.plugin, job, wctx.actor.id, data);
        },
      };
      return def.handler({ params, query: input.query ?? {}, body: input.body, headers: input.headers ?? {}, rawBody: input.rawBody }, ctx);
    });
  } finally {
    for (const e of audits) await audit(knex, e);
  }
};

/**
 * The installed plugin serving a public route at a fixed address outside its own prefix
 * (a payment provider's webhook at /api/public/<tenant>/payments/<provider>/webhook): the
 * first plugin, in load order, with a public route matching `method` and `path`.
 */
export const publicRouteOwner = async (knex: Knex, tenant: Tenant, method: string, path: string): Promise<string | undefined> => {
  const runtime = await runtimeOf(knex, tenant);
  return runtime.plugins.find((plugin) => runtime.route(plugin, method, path)?.def.public);
};
