import Router from '@koa/router';
import type { Knex } from 'knex';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import { visibleEntities } from '../../security/access/index.js';
import { allowQuery } from '../middleware/query-guard.js';
import { runtimeOf } from '../../work/index.js';
import { authOf } from '../tenant-work.js';

/** GET /api/meta: the effective metadata that drives the generated app, cut to what the user may see. */
export const metaRoutes = (knex: Knex): Router => {
  const r = new Router();
  r.get('/api/meta', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    const [meta, runtime] = await Promise.all([loadEffectiveMeta(knex, auth.tenant), runtimeOf(knex, auth.tenant)]);
    const entities = visibleEntities(meta, auth.actor, (entity) => runtime.actions(entity));
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = {
      tenant: { slug: auth.tenant.slug, name: auth.tenant.name, revision: auth.tenant.metaRevision },
      user: auth.actor,
      entities,
      dictionaries: meta.dictionaries,
      forms: meta.documents.form ?? {},
      views: meta.documents.view ?? {},
      lifecycles: meta.documents.lifecycle ?? {},
      workflows: meta.documents.workflow ?? {},
      reports: meta.documents.report ?? {},
      dashboards: meta.documents.dashboard ?? {},
      roles: auth.actor.isAdmin ? (meta.documents.role ?? {}) : {},
    };
  });
  return r;
};
