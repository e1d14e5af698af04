import { problem } from '../errors.js';
import { registerOperator } from '../rules/index.js';
import type { RuleOperatorDef } from './plugin-api.js';

/** Which plugin added each rule operator: one name, one plugin, across the process. */
const owners = new Map<string, string>();

/**
 * Adds a plugin's operator to the rule language, so rules in lists, row scopes, guards,
 * validations and reports may use it (in memory and in SQL). The rule language is one per
 * process: an operator is known once its plugin's server code is loaded, whichever tenants
 * installed the plugin (an operator is a pure function of its arguments). Two plugins may not
 * add the same name; the same plugin loading again replaces its own.
 */
export const registerPluginOperator = (plugin: string, def: RuleOperatorDef): void => {
  const owner = owners.get(def.name);
  if (owner && owner !== plugin) throw problem('PLUGIN_INVALID', { plugin, reason: `operator "${def.name}" is already added by plugin ${owner}` });
  registerOperator({
    name: def.name,
    evaluate: (...args: unknown[]) => def.evaluate(...args),
    sql: (args) => {
      const out = def.sql(...args);
      return { sql: out.sql, bindings: [...out.bindings], type: def.returns ?? 'boolean' };
    },
  });
  owners.set(def.name, plugin);
};
