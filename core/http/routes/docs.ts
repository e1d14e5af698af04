import Router from '@koa/router';
import type { Knex } from 'knex';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { notFound } from '../../errors.js';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import { allowQuery } from '../middleware/query-guard.js';
import { openApiDocument } from '../openapi/index.js';
import { runtimeOf } from '../../work/index.js';
import { authOf } from '../tenant-work.js';

const swaggerDir = (): string => join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'swagger-ui-standalone-preset.js': 'application/javascript',
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>CRM API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', withCredentials: true });`;

/** GET /api/openapi.json (per tenant) and a browsable page at /api/docs, served from swagger-ui-dist. */
export const docsRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api' });
  r.get('/openapi.json', allowQuery(), async (ctx) => {
    const { tenant } = authOf(ctx);
    const [meta, runtime] = await Promise.all([loadEffectiveMeta(knex, tenant), runtimeOf(knex, tenant)]);
    ctx.body = openApiDocument(meta, tenant, runtime);
  });
  r.get('/docs', allowQuery(), async (ctx) => {
    ctx.type = 'html';
    ctx.body = PAGE;
  });
  r.get('/docs/init.js', async (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = INIT;
  });
  r.get('/docs/:asset', async (ctx) => {
    const type = ASSETS[ctx.params.asset];
    if (!type) throw notFound('No such file');
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(join(swaggerDir(), ctx.params.asset));
  });
  return r;
};
