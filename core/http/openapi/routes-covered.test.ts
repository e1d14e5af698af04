import type Router from '@koa/router';
import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { METADATA_KINDS } from '../../metadata/types.js';
import { createApp } from '../app.js';
import { createLogger } from '../logger.js';
import type { RunningServer } from '../server.js';
import { provisionTenant } from '../../provisioning/provision-tenant.js';
import { ADMIN_PASSWORD, api, startTestServer } from '../test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const gadget = { kind: 'entity', name: 'gadget', label: label('Gadget'), fields: { name: { type: 'text', required: true }, sku: { type: 'text', unique: true } } };

const HTTP = ['get', 'post', 'put', 'patch', 'delete'];
/** Path parameters the document spells out as literal segments, with the values it may use. */
const LITERALS = (entities: string[]): Record<string, string[]> => ({
  entity: entities,
  op: ['install', 'upgrade', 'uninstall'],
  decision: ['approve', 'reject'],
  kind: METADATA_KINDS,
});

interface Route { method: string; path: string }

/** Every route the app's koa routers register (also those behind a middleware that lists its `routers`). */
const registeredRoutes = (app: Koa): Route[] => {
  const routers = new Set<Router>();
  for (const mw of app.middleware as unknown as { router?: Router; routers?: Router[] }[]) {
    if (mw.router) routers.add(mw.router);
    for (const r of mw.routers ?? []) routers.add(r);
  }
  const out: Route[] = [];
  for (const router of routers) {
    for (const layer of router.stack) {
      const methods = layer.methods.map((m) => m.toLowerCase()).filter((m) => m !== 'head' && m !== 'options');
      // A plugin's catch-all route (router.all) stands for every method a plugin may declare.
      const wanted = methods.length > HTTP.length ? HTTP : methods;
      for (const method of wanted) out.push({ method, path: String(layer.path) });
    }
  }
  return out;
};

/** A koa path as OpenAPI templates: `:name` → `{name}`, an optional rest `{/*rest}` → `/{route}`, no trailing slash. */
const template = (path: string): string => path.replace(/\{\/\*\w+\}$/, '/{route}').replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

/** The document paths a route may appear as: generic, or once per value of a literal parameter. */
const spellings = (path: string, literals: Record<string, string[]>): string[][] => {
  const t = template(path);
  const param = Object.keys(literals).find((p) => t.includes(`{${p}}`));
  if (!param) return [[t]];
  return [[t], literals[param].map((v) => t.replace(`{${param}}`, v))];
};

/**
 * Whether a document path is one of a route's spellings (for the reverse check). A plugin's
 * catch-all also matches the plugin's own routes the document lists at their real paths.
 */
const matches = (docPath: string, route: string, literals: Record<string, string[]>): boolean => {
  const a = docPath.split('/');
  const b = template(route).split('/');
  const rest = b.at(-1) === '{route}';
  if (rest ? a.length < b.length : a.length !== b.length) return false;
  return b.every((seg, i) => {
    if (rest && i === b.length - 1) return true;
    const param = /^\{(\w+)\}$/.exec(seg)?.[1];
    if (!param) return a[i] === seg;
    return a[i] === seg || (param === 'plugin' ? /^[a-z][a-z0-9_-]*$/.test(a[i]) : (literals[param]?.includes(a[i]) ?? false));
  });
};

describe('the OpenAPI document covers every route', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('has each registered method and path, and nothing the app does not serve', async () => {
    // A tenant with a plugin (its own routes and actions) and an entity of its own.
    await provisionTenant({ slug: 'oa_routes', adminEmail: 'admin@oa_routes.test', adminPassword: ADMIN_PASSWORD, plugins: ['customers'] }, { knex: db.knex });
    const admin = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'oa_routes', email: 'admin@oa_routes.test', password: ADMIN_PASSWORD })).body.token);
    expect((await admin('PUT', '/api/studio/entity/gadget', gadget)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const doc = (await admin('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const entities = Object.keys((await admin('GET', '/api/meta')).body.entities);
    expect(entities).toContain('gadget');
    const literals = LITERALS(entities);
    const routes = registeredRoutes(createApp({ db, log: createLogger({ level: 'silent' }) }));
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toContainEqual({ method: 'post', path: '/api/workflows/hooks/:tenant/:name' });

    const has = (path: string, method: string) => doc.paths[path]?.[method] !== undefined;
    const missing = routes.filter((r) => !spellings(r.path, literals).some((alt) => alt.every((p) => has(p, r.method))));
    expect(missing.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([]);

    const served = Object.entries(doc.paths).flatMap(([path, item]) => HTTP.filter((m) => item[m]).map((method) => ({ method, path })));
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/x/customers/'))).not.toEqual([]);
    const phantom = served.filter((d) => !routes.some((r) => r.method === d.method && matches(d.path, r.path, literals)));
    expect(phantom.map((d) => `${d.method.toUpperCase()} ${d.path}`)).toEqual([]);
  });
});
