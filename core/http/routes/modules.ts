import Router from '@koa/router';
import type { Knex } from 'knex';
import { addModuleDocuments, createModule, exportModule, getModule, listModules, removeModuleDocument, updateModule } from '../../plugins/index.js';
import { readDemoRecords } from '../../work/index.js';
import { badRequest } from '../../errors.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const bodyOf = (ctx: { state: { body?: unknown } }): Record<string, unknown> => (ctx.state.body ?? {}) as Record<string, unknown>;

/**
 * /api/studio/modules: modules a tenant admin builds in the studio (a name, a label in both
 * languages, an icon, a menu group, and the tenant documents that belong to it), and the
 * export of one as a plugin package (.zip) to install in another tenant or server.
 */
export const moduleRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/studio/modules' });
  r.use(requireAdmin);
  const db = (ctx: Parameters<typeof authOf>[0]) => ({ knex, tenant: authOf(ctx).tenant });

  r.get('/', allowQuery(), async (ctx) => {
    ctx.body = { data: await listModules(db(ctx)) };
  });
  r.post('/', allowQuery(), async (ctx) => {
    ctx.status = 201;
    ctx.body = await createModule(bodyOf(ctx), db(ctx));
  });
  r.get('/:id', allowQuery(), async (ctx) => {
    ctx.body = await getModule(ctx.params.id, db(ctx));
  });
  r.patch('/:id', allowQuery(), async (ctx) => {
    ctx.body = await updateModule(ctx.params.id, bodyOf(ctx), db(ctx));
  });
  r.post('/:id/documents', allowQuery(), async (ctx) => {
    ctx.body = await addModuleDocuments(ctx.params.id, bodyOf(ctx).documents, db(ctx));
  });
  r.delete('/:id/documents/:kind/:name', allowQuery(), async (ctx) => {
    ctx.body = await removeModuleDocument(ctx.params.id, { kind: ctx.params.kind, name: ctx.params.name }, db(ctx));
  });
  r.post('/:id/export', allowQuery(), async (ctx) => {
    const { tenant, actor } = authOf(ctx);
    const b = bodyOf(ctx);
    if (b.version !== undefined && typeof b.version !== 'string') throw badRequest('version must be text such as 1.1.0', { errors: [{ field: 'version', message: 'a semantic version' }] });
    await getModule(ctx.params.id, db(ctx));
    const demo = await readDemoRecords(knex, { tenant, actor }, b.demo);
    const out = await exportModule({ tenant, moduleId: ctx.params.id, version: b.version as string | undefined, demo, by: { actorId: actor.id, from: { ip: ctx.ip } } }, { knex });
    ctx.type = 'application/zip';
    ctx.attachment(out.fileName);
    ctx.set('X-Plugin-Version', out.manifest.version);
    ctx.body = out.archive;
  });
  return r;
};
