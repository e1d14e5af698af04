import type { ActionInputDef, PluginRouteDef } from '../../plugins/index.js';
import { body, ok, op, pathParam, PUBLIC, type Paths, type Schema } from './shared.js';

/** What the document needs of the tenant's installed plugins: record actions and routes. */
export interface PluginContributions {
  actions(entity: string): { name: string; label?: { en: string; 'zh-CN': string }; input?: Record<string, ActionInputDef> }[];
  routes(): (Pick<PluginRouteDef, 'method' | 'path' | 'public' | 'rights'> & { plugin: string })[];
}

export const NO_CONTRIBUTIONS: PluginContributions = { actions: () => [], routes: () => [] };

const INPUT: Record<ActionInputDef['type'], Schema> = {
  text: { type: 'string' },
  long_text: { type: 'string' },
  integer: { type: 'integer' },
  decimal: { type: 'number' },
  date: { type: 'string', format: 'date' },
  boolean: { type: 'boolean' },
  user: { type: 'string', format: 'uuid' },
};

/** The `action` parameter and body of an entity's record actions: their names, and every parameter any of them takes. */
export const actionsOf = (entity: string, c: PluginContributions): { param: Schema; body: Schema; description: string } => {
  const actions = c.actions(entity);
  const properties = Object.fromEntries(actions.flatMap((a) => Object.entries(a.input ?? {}).map(([n, i]) => [n, { ...INPUT[i.type], title: i.label.en, description: `${a.name}: ${i.label.en}${i.required ? ' (required)' : ''}` }])));
  const description = actions.length
    ? `Actions: ${actions.map((a) => `\`${a.name}\`${a.label ? ` (${a.label.en})` : ''}${a.input ? ` takes ${Object.keys(a.input).join(', ')}` : ''}`).join('; ')}`
    : 'No plugin gives this entity an action';
  return { param: { type: 'string', ...(actions.length && { enum: actions.map((a) => a.name) }) }, body: { type: 'object', properties, additionalProperties: false }, description };
};

const slug = (s: string): string => s.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The installed plugins' own routes, each at its real path. */
export const pluginRoutePaths = (c: PluginContributions): Paths => {
  const paths: Paths = {};
  for (const r of c.routes()) {
    const rest = r.path.replace(/\/+$/, '').replace(/:(\w+)/g, '{$1}');
    const path = r.public ? `/api/public/{tenant}/x/${r.plugin}${rest}` : `/api/x/${r.plugin}${rest}`;
    const params = [...rest.matchAll(/\{(\w+)\}/g)].map((m) => pathParam(m[1], { type: 'string' }));
    const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const needs = r.rights?.length ? ` (needs ${r.rights.join(', ')})` : '';
    paths[path] = {
      ...paths[path],
      parameters: [...(r.public ? [pathParam('tenant', { type: 'string' }, 'The tenant slug')] : []), ...params],
      [method]: op(`${r.public ? 'public_' : ''}${slug(r.plugin)}_${method}_${slug(r.path) || 'root'}`, 'Plugin routes', `${r.method} ${r.path} of plugin ${r.plugin}${needs}`, { 200: ok('What the route answers', {}) }, [400, 401, 403, 404, 409, 413, 422, 429], {
        ...(r.public && PUBLIC),
        ...(method !== 'get' && method !== 'delete' && body({}, false)),
      }),
    };
  }
  return paths;
};
