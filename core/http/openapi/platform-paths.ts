import type { OperationObject, PathItemObject } from 'openapi3-ts/oas31';
import type { EffectiveMeta } from '../../metadata/types.js';
import { body, ok, op, pathParam, PUBLIC, ref, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const status = (values: string[], checks = false): Schema => ({
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: values }, ...(checks && { checks: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'failed', 'pending', 'stopped', 'not run here'] } } }) },
});

const pluginListing: Schema = {
  type: 'object',
  required: ['name', 'label', 'availableVersion', 'installedVersion', 'status', 'upgradeAvailable', 'requires'],
  properties: {
    name: { type: 'string' }, label: ref('Label'), description: ref('Label'), menuGroup: { type: 'string', description: 'The app menu group of its entities' }, availableVersion: { type: 'string' }, installedVersion: { type: ['string', 'null'] },
    status: { type: 'string', description: 'available, installed, uninstalled…' }, upgradeAvailable: { type: 'boolean' }, requires: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: true,
};

const lifecycleResult: Schema = {
  type: 'object',
  required: ['tenant', 'changes', 'notes', 'schemaSteps'],
  properties: {
    tenant: { type: 'string' },
    changes: { type: 'array', items: { type: 'object', required: ['plugin', 'version', 'change'], properties: { plugin: { type: 'string' }, version: { type: 'string' }, change: { type: 'string', enum: ['installed', 'reinstalled', 'upgraded', 'uninstalled', 'purged'] } } } },
    notes: { type: 'array', items: { type: 'string' } },
    schemaSteps: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
};

const meta: Schema = {
  type: 'object',
  required: ['tenant', 'user', 'entities', 'dictionaries', 'forms', 'views', 'lifecycles', 'workflows', 'reports', 'dashboards', 'roles'],
  properties: {
    tenant: { type: 'object', required: ['slug', 'name', 'revision'], properties: { slug: { type: 'string' }, name: { type: 'string' }, revision: { type: 'integer' } } },
    user: ref('Actor'),
    ...Object.fromEntries(['entities', 'dictionaries', 'forms', 'views', 'lifecycles', 'workflows', 'reports', 'dashboards', 'roles'].map((k) => [k, { type: 'object', description: `${k} by name (metadata documents, see metadata/schemas)`, additionalProperties: true }])),
    menuGroups: {
      type: 'array',
      description: 'The menu groups of modules built in the studio: the group’s title, the module, and the module’s entities the user sees',
      items: { type: 'object', required: ['module', 'group', 'entities'], properties: { module: { type: 'string' }, group: { type: 'string' }, entities: { type: 'array', items: { type: 'string' } } } },
    },
  },
};

const PLUGIN_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const routeParam = pathParam('route', { type: 'string' }, 'The rest of the path, as the plugin declares its route (may hold `/`)');

/** A plugin route, in every method a plugin may declare. */
const pluginRoute = (prefix: string, tag: string, summary: string, more: Partial<OperationObject>, plugins: string[]): PathItemObject => ({
  parameters: [...(prefix === 'public' ? [pathParam('tenant', { type: 'string' }, 'The tenant slug')] : []), pathParam('plugin', { type: 'string' }, plugins.length ? `A plugin, e.g. ${plugins.join(', ')}` : 'A plugin'), routeParam],
  ...Object.fromEntries(
    PLUGIN_METHODS.map((m) => [m, op(`${prefix}_plugin_route_${m}`, tag, summary, { 200: ok('What the plugin\'s route answers', {}) }, [400, 401, 403, 404, 409, 413, 422, 429], {
      ...more,
      ...(m !== 'get' && m !== 'delete' && body({}, false)),
    })]),
  ),
});

/** Health, metrics, the API docs, the metadata, and plugins (their lifecycle and their routes). */
export const platformPaths = (m: EffectiveMeta): Paths => {
  const plugins = [...new Set(Object.values(m.owner ?? {}).filter((o) => o.startsWith('plugin:')).map((o) => o.slice(7)))].sort();
  return {
    '/api/health': { get: op('health', 'Health', 'Ready to serve (200), or still starting (503)', { 200: ok('Ready', status(['ok'])), 503: ok('Starting', status(['starting'])) }, [], PUBLIC) },
    '/api/health/live': { get: op('health_live', 'Health', 'Liveness probe: the process answers', { 200: ok('Live', status(['live'])) }, [], PUBLIC) },
    '/api/health/ready': {
      get: op('health_ready', 'Health', 'Readiness probe: started, not draining, database and migrations ok', { 200: ok('Ready', status(['ready'], true)), 503: ok('Not ready; `checks` names what failed', status(['starting', 'draining', 'unavailable'], true)) }, [], PUBLIC),
    },
    '/api/metrics': {
      get: op('metrics', 'Health', 'Prometheus metrics', { 200: { description: 'Metrics in the Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } }, 404: { description: 'Not allowed to scrape (the same answer as no such path)' } }, [], { security: [{ metricsToken: [] }, {}] }),
    },
    '/api/openapi.json': { get: op('openapi', 'Docs', 'This document', { 200: ok('The OpenAPI document of the tenant', { type: 'object', additionalProperties: true }) }, [401, 429]) },
    '/api/docs': { get: op('docs_page', 'Docs', 'The API docs page (Swagger UI)', { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } }, [], PUBLIC) },
    '/api/docs/init.js': { get: op('docs_init', 'Docs', 'The docs page\'s script', { 200: { description: 'JavaScript', content: { 'application/javascript': { schema: { type: 'string' } } } } }, [], PUBLIC) },
    '/api/docs/{asset}': {
      parameters: [pathParam('asset', { type: 'string', enum: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'] })],
      get: op('docs_asset', 'Docs', 'A file of the docs page', { 200: { description: 'The file', content: { 'text/css': { schema: { type: 'string' } }, 'application/javascript': { schema: { type: 'string' } } } } }, [404], PUBLIC),
    },
    '/api/meta': { get: op('meta', 'Metadata', 'The effective metadata the user may see (drives the app)', { 200: ok('Metadata', meta) }, [401, 429]) },
    '/api/plugins': {
      get: op('list_plugins', 'Plugins', 'The plugins of the tenant', {
        200: ok('Plugins (tenant admins also see plugin folders that fail to load)', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: pluginListing }, broken: { type: 'array', items: { type: 'object', properties: { folder: { type: 'string' }, problems: { type: 'integer' } } } } } }),
      }, SIGNED_IN),
    },
    ...Object.fromEntries(
      (['install', 'upgrade', 'uninstall'] as const).map((step) => [`/api/plugins/{name}/${step}`, {
        parameters: [pathParam('name', { type: 'string' })],
        post: op(`${step}_plugin`, 'Plugins', `${step[0].toUpperCase()}${step.slice(1)} a plugin (tenant admins)`, { 200: ok('What changed', lifecycleResult) }, WRITES, body({
          type: 'object',
          additionalProperties: false,
          properties: {
            ...(step === 'install' && { withDemoData: { type: 'boolean' } }),
            ...(step !== 'uninstall' && { confirmDestructive: { type: 'boolean', description: 'Needed when the schema change drops or converts data' } }),
          },
        }, false)),
      }]),
    ),
    '/api/x/{plugin}/{route}': pluginRoute('signed_in', 'Plugin routes', 'A route a plugin adds, as the signed-in user', {}, plugins),
    '/api/public/{tenant}/x/{plugin}/{route}': pluginRoute('public', 'Plugin routes', 'A public route a plugin adds (anonymous; the plugin\'s system actor)', PUBLIC, plugins),
    '/api/public/{tenant}/payments/{provider}/webhook': {
      parameters: [pathParam('tenant', { type: 'string' }, 'The tenant slug'), pathParam('provider', { type: 'string' }, 'The payment provider, e.g. test')],
      post: op('payment_webhook', 'Plugin routes', 'A payment provider\'s signed event (served by the installed plugin with a public route /payments/{provider}/webhook)', {
        200: ok('Accepted (or already seen: the same event id is applied once)', { type: 'object', additionalProperties: true }),
      }, [400, 401, 404, 409, 413, 429], { ...PUBLIC, ...body({ type: 'object', additionalProperties: true }) }),
    },
  };
};
