import Router from '@koa/router';
import type { Knex } from 'knex';
import { loadEffectiveMeta } from '../../metadata/tenant-meta.js';
import type { EffectiveMeta, WorkflowDocument } from '../../metadata/types.js';
import type { Actor } from '../../records/index.js';
import { visibleEntities } from '../../security/access/index.js';
import { manualWorkflowSummary, maskWorkflowSecrets, mayStartManual } from '../../workflow/index.js';
import { moduleMenuGroups } from '../../plugins/index.js';
import { allowQuery } from '../middleware/query-guard.js';
import { runtimeOf } from '../../work/index.js';
import { authOf } from '../tenant-work.js';

/**
 * Workflows as the user may see them: for tenant admins every document with its secrets
 * masked (the studio lists and labels them); for everyone else only the manual workflows
 * they may start, as the summary a button needs.
 */
const workflowsFor = (meta: EffectiveMeta, actor: Actor): Record<string, unknown> => {
  const all = (meta.documents.workflow ?? {}) as unknown as Record<string, WorkflowDocument>;
  if (actor.isAdmin) return maskWorkflowSecrets(all);
  return Object.fromEntries(Object.values(all).filter((wf) => mayStartManual(wf, actor, meta)).map((wf) => [wf.name, manualWorkflowSummary(wf)]));
};

/** GET /api/meta: the effective metadata that drives the generated app, cut to what the user may see. */
export const metaRoutes = (knex: Knex): Router => {
  const r = new Router();
  r.get('/api/meta', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    const [meta, runtime, groups] = await Promise.all([loadEffectiveMeta(knex, auth.tenant), runtimeOf(knex, auth.tenant), moduleMenuGroups({ knex, tenant: auth.tenant })]);
    const entities = visibleEntities(meta, auth.actor, (entity) => runtime.actions(entity));
    // a module's menu group gathers its entities in the app's menu (only those the user sees)
    const menuGroups = groups.map((g) => ({ ...g, entities: g.entities.filter((e) => e in entities) })).filter((g) => g.entities.length);
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = {
      tenant: { slug: auth.tenant.slug, name: auth.tenant.name, revision: auth.tenant.metaRevision },
      user: auth.actor,
      entities,
      dictionaries: meta.dictionaries,
      forms: meta.documents.form ?? {},
      views: meta.documents.view ?? {},
      lifecycles: meta.documents.lifecycle ?? {},
      workflows: workflowsFor(meta, auth.actor),
      reports: meta.documents.report ?? {},
      dashboards: meta.documents.dashboard ?? {},
      roles: auth.actor.isAdmin ? (meta.documents.role ?? {}) : {},
      menuGroups,
    };
  });
  return r;
};
