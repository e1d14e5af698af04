import { problem, registerProblems } from '../errors.js';
import { registerPluginOperator } from './plugin-operators.js';
import type { HookAction, PluginApi, PluginContributions, PluginDefinition } from './plugin-api.js';

const KEY = /^[a-z][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/;
/** The changes the record service announces to hooks. */
const HOOK_ACTIONS: readonly HookAction[] = ['create', 'update', 'delete', 'restore'];
const PATH = /^(\/(:?[a-zA-Z0-9_-]+))+\/?$|^\/$/;
const OPERATOR = /^[a-z][a-z0-9_]{0,62}$/;

const invalid = (plugin: string, reason: string) => problem('PLUGIN_INVALID', { plugin, reason });

/** Runs a plugin's setup(api) and returns what it registered; a malformed registration fails loudly. */
export const collectContributions = (plugin: string, definition: PluginDefinition): PluginContributions => {
  const c: PluginContributions = { plugin, before: new Map(), after: new Map(), actions: new Map(), routes: [], webForms: [], portalRoles: [], operators: [], seeds: [], jobs: [] };
  const checkKey = (key: string, what: string): void => {
    if (!KEY.test(key)) throw invalid(plugin, `${what} key "${key}" must be <entity>.<action>`);
    if (what === 'hook' && !HOOK_ACTIONS.includes(key.split('.')[1] as HookAction)) {
      throw invalid(plugin, `hook key "${key}" must end in one of: ${HOOK_ACTIONS.join(', ')}`);
    }
  };
  const api: PluginApi = {
    plugin,
    before(key, hook) {
      checkKey(key, 'hook');
      c.before.set(key, [...(c.before.get(key) ?? []), hook]);
    },
    after(key, hook) {
      checkKey(key, 'hook');
      c.after.set(key, [...(c.after.get(key) ?? []), hook]);
    },
    action(key, def) {
      checkKey(key, 'action');
      if (c.actions.has(key)) throw invalid(plugin, `action "${key}" is registered twice`);
      c.actions.set(key, def);
    },
    route(def) {
      if (!PATH.test(def.path)) throw invalid(plugin, `route path "${def.path}" must look like /name/:param`);
      if (c.routes.some((r) => r.method === def.method && r.path === def.path)) throw invalid(plugin, `route ${def.method} ${def.path} is registered twice`);
      c.routes.push(def);
    },
    webForm(def) {
      if (!OPERATOR.test(def.name)) throw invalid(plugin, `web form name "${def.name}" must be lowercase letters, digits and _`);
      if (!OPERATOR.test(def.honeypot ?? '')) throw invalid(plugin, `web form "${def.name}" needs a honeypot field name`);
      if (def.fields.some((f) => f.field === def.honeypot)) throw invalid(plugin, `web form "${def.name}": the honeypot may not be one of its fields`);
      if (c.webForms.some((f) => f.name === def.name)) throw invalid(plugin, `web form "${def.name}" is registered twice`);
      c.webForms.push(def);
    },
    portalRole(def) {
      if (!OPERATOR.test(def.role)) throw invalid(plugin, `portal role "${def.role}" must name a role document`);
      const bad = Object.keys(def.attributes).filter((k) => !OPERATOR.test(k) || ['id', 'name', 'roles', 'team', 'isadmin'].includes(k.toLowerCase()));
      if (bad.length) throw invalid(plugin, `portal role "${def.role}" has attribute names that are not allowed: ${bad.join(', ')}`);
      if (c.portalRoles.some((r) => r.role === def.role)) throw invalid(plugin, `portal role "${def.role}" is registered twice`);
      c.portalRoles.push(def);
    },
    operator(def) {
      if (!OPERATOR.test(def.name)) throw invalid(plugin, `operator name "${def.name}" must be lowercase letters, digits and _`);
      c.operators.push(def);
      registerPluginOperator(plugin, def);
    },
    seed(def) {
      c.seeds.push(def);
    },
    job(def) {
      if (!OPERATOR.test(def.name)) throw invalid(plugin, `job name "${def.name}" must be lowercase letters, digits and _`);
      if (c.jobs.some((j) => j.name === def.name)) throw invalid(plugin, `job "${def.name}" is registered twice`);
      c.jobs.push(def);
    },
    errors(entries) {
      try {
        registerProblems(plugin, entries);
      } catch (e) {
        throw invalid(plugin, (e as Error).message);
      }
    },
  };
  definition.setup(api);
  return c;
};
