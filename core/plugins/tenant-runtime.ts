import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import type { RecordHooks } from '../records/types.js';
import { discoverPlugins } from '../metadata/plugin-catalogue/discover-plugins.js';
import { loadPluginServers } from './load-plugin-servers.js';
import { orderByDependencies } from '../metadata/plugin-catalogue/order-by-dependencies.js';
import { installedPlugins } from '../metadata/plugin-catalogue/plugin-installs.js';
import type { PluginContributions, PluginRouteDef, PluginRuntime, RecordActionDef, PortalRoleDef, RuleOperatorDef, SeedDef, WebFormDef, JobDef } from './plugin-api.js';

/** The contributions that apply to one tenant: those of its installed plugins, dependencies first. */
export interface TenantRuntime {
  plugins: string[];
  /**
   * `RecordContext.hooks` for the record service: every installed plugin's hooks for
   * `<entity>.<action>`, dependencies first; the service calls them inside the record's
   * transaction (savepoint), so a throw refuses the write.
   */
  hooks: Required<RecordHooks>;
  action(entity: string, action: string): (RecordActionDef & { plugin: string }) | undefined;
  /** The record actions of an entity, by name, as the app lists them. */
  actions(entity: string): { name: string; plugin: string; label?: RecordActionDef['label']; input?: RecordActionDef['input']; when?: RecordActionDef['when'] }[];
  /** The route of `plugin` matching a method and a path under /api/x/<plugin>, with its params. */
  route(plugin: string, method: string, path: string): { def: PluginRouteDef; params: Record<string, string> } | undefined;
  /** The web form of that name among the installed plugins' forms. */
  webForm(name: string): (WebFormDef & { plugin: string }) | undefined;
  /** The portal role of that name among the installed plugins'. */
  portalRole(role: string): (PortalRoleDef & { plugin: string }) | undefined;
  /** The portal roles of the installed plugins. */
  portalRoles(): (PortalRoleDef & { plugin: string })[];
  /** Every route of the installed plugins (the API document lists them). */
  routes(): (PluginRouteDef & { plugin: string })[];
  operators: (RuleOperatorDef & { plugin: string })[];
  seeds(plugin: string): SeedDef[];
  /** An installed plugin's background job of that name. */
  job(plugin: string, name: string): JobDef | undefined;
}

const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
};

/** Narrows the runtime to the given plugins (in the given order). */
export const tenantRuntime = (runtime: PluginRuntime, plugins: string[]): TenantRuntime => {
  const active = plugins.map((p) => runtime.plugins.get(p)).filter((c): c is PluginContributions => c !== undefined);
  return {
    plugins,
    hooks: {
      async before(event, ctx) {
        for (const c of active) for (const hook of c.before.get(`${event.entity}.${event.action}`) ?? []) await hook(event, ctx);
      },
      async after(event, ctx) {
        for (const c of active) for (const hook of c.after.get(`${event.entity}.${event.action}`) ?? []) await hook(event, ctx);
      },
    },
    action(entity, action) {
      for (const c of active) {
        const def = c.actions.get(`${entity}.${action}`);
        if (def) return { ...def, plugin: c.plugin };
      }
      return undefined;
    },
    actions(entity) {
      const prefix = `${entity}.`;
      return active.flatMap((c) =>
        [...c.actions.entries()].filter(([key]) => key.startsWith(prefix)).map(([key, def]) => ({ name: key.slice(prefix.length), plugin: c.plugin, label: def.label, input: def.input, ...(def.when && { when: def.when }) })),
      );
    },
    route(plugin, method, path) {
      const c = active.find((x) => x.plugin === plugin);
      for (const def of c?.routes ?? []) {
        const params = def.method === method.toUpperCase() ? matchPath(def.path, path) : undefined;
        if (params) return { def, params };
      }
      return undefined;
    },
    webForm(name) {
      for (const c of active) {
        const def = c.webForms.find((f) => f.name === name);
        if (def) return { ...def, plugin: c.plugin };
      }
      return undefined;
    },
    portalRole(role) {
      for (const c of active) {
        const def = c.portalRoles.find((r) => r.role === role);
        if (def) return { ...def, plugin: c.plugin };
      }
      return undefined;
    },
    portalRoles: () => active.flatMap((c) => c.portalRoles.map((def) => ({ ...def, plugin: c.plugin }))),
    routes: () => active.flatMap((c) => c.routes.map((def) => ({ ...def, plugin: c.plugin }))),
    operators: active.flatMap((c) => c.operators.map((o) => ({ ...o, plugin: c.plugin }))),
    seeds: (plugin) => runtime.plugins.get(plugin)?.seeds ?? [],
    job: (plugin, name) => active.find((c) => c.plugin === plugin)?.jobs.find((j) => j.name === name),
  };
};

/** The runtime of the tenant's installed plugins, read in the caller's connection or transaction. */
export const loadTenantRuntime = async (knex: Knex, tenant: Tenant): Promise<TenantRuntime> => {
  const installed = new Set((await installedPlugins(knex, tenant)).filter((r) => r.status === 'installed').map((r) => r.plugin));
  const ordered = orderByDependencies((await discoverPlugins()).filter((p) => installed.has(p.manifest.name))).map((p) => p.manifest.name);
  return tenantRuntime(await loadPluginServers(), ordered);
};
