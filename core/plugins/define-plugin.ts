import type { PluginDefinition } from './plugin-api.js';

/**
 * Declares a plugin's server code (plugins/<name>/server/index.ts exports it as default):
 * `setup(api)` registers hooks, record actions, routes, rule operators and seeds. Typed
 * identity, like Pinia's defineStore: the engine calls setup when it loads the plugin.
 */
export const definePlugin = (definition: PluginDefinition): PluginDefinition => definition;
