import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { badRequest, isAppError, notFound } from '../../errors.js';
import { deleteTenantDocument } from '../../metadata/delete-tenant-document.js';
import { fieldDependants } from '../../metadata/field-dependants.js';
import { saveTenantDocument, type SaveTenantDocumentInput } from '../../metadata/save-tenant-document.js';
import type { MetadataLayer } from '../../metadata/merge-layers.js';
import { joinModule, workingModule } from '../../plugins/index.js';
import { getTenantDocument, listTenantDocuments } from '../../metadata/tenant-documents.js';
import { loadEffectiveMeta, lowerLayersOf } from '../../metadata/tenant-meta.js';
import { getVersion, listVersions, restoreVersion } from '../../metadata/tenant-versions.js';
import { METADATA_KINDS, type MetadataKind } from '../../metadata/types.js';
import { planPublish, publishTenant } from '../../schema/publish.js';
import { keepStoredSecrets, maskWorkflowSecrets } from '../../workflow/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const kindOf = (ctx: Context): MetadataKind => {
  const kind = ctx.params.kind as MetadataKind;
  if (!METADATA_KINDS.includes(kind)) throw notFound(`There is no metadata kind "${ctx.params.kind}" (kinds: ${METADATA_KINDS.join(', ')})`);
  return kind;
};

const versionParam = (ctx: Context): number => {
  const v = Number(ctx.params.version);
  if (!Number.isInteger(v) || v < 1) throw badRequest('The version must be a positive whole number', { errors: [{ field: 'version', message: 'not a version' }] });
  return v;
};

/** A miss reads as nothing; any other failure (the database is down, say) stays a failure. */
const onlyNotFound = (e: unknown): undefined => {
  if (isAppError(e) && e.status === 404) return undefined;
  throw e;
};

/** A document as the studio shows it: workflows with their secrets masked. */
const shown = <T>(kind: string, doc: T): T => (kind === 'workflow' ? maskWorkflowSecrets(doc) : doc);

/**
 * /api/studio: the tenant admin's metadata editing, publishing and history. Workflow
 * secrets (credential headers, URL passwords) leave the server masked; a workflow saved
 * with a secret still masked keeps the stored secret (see docs/workflows.md).
 */
export const studioRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/studio' });
  r.use(requireAdmin);
  const metaCtx = (ctx: Context) => {
    const { tenant, actor } = authOf(ctx);
    return { knex, tenant, actor: { id: actor.id, name: actor.name } };
  };

  /** Where a kept secret comes from: the tenant's own document of that name, then the effective one. */
  const storedDocuments = async (kind: MetadataKind, ctx: Context): Promise<unknown[]> => [
    await getTenantDocument({ kind, name: ctx.params.name }, metaCtx(ctx)).catch(() => undefined),
    (await loadEffectiveMeta(knex, authOf(ctx).tenant)).documents[kind]?.[ctx.params.name],
  ];

  /**
   * While the studio works in a module (X-Studio-Module: its id), a document the save creates
   * joins it in the same transaction; an overlay of a plugin's document or a document that
   * existed before does not.
   */
  const joinWorkingModule = async (ctx: Context, kind: MetadataKind, lowerLayers: MetadataLayer[]): Promise<SaveTenantDocumentInput['onStored']> => {
    const header = ctx.get('X-Studio-Module');
    if (!header) return undefined;
    const { tenant } = authOf(ctx);
    const module = await workingModule(header, { knex, tenant });
    const name = String(ctx.params.name);
    if (lowerLayers.some((l) => l.documents.some((d) => d.kind === kind && d.name === name))) return undefined;
    return async (trx, created) => {
      if (created) await joinModule(module.id, { kind, name }, { knex: trx, tenant });
    };
  };

  r.get('/', allowQuery(), async (ctx) => {
    ctx.body = { data: (await listTenantDocuments(metaCtx(ctx))).map((row) => ({ ...row, doc: shown(row.kind, row.doc) })) };
  });

  r.get('/history', allowQuery(), async (ctx) => {
    ctx.body = { data: await listVersions(metaCtx(ctx)) };
  });

  r.get('/history/:version', allowQuery(), async (ctx) => {
    const v = await getVersion({ version: versionParam(ctx) }, metaCtx(ctx));
    ctx.body = {
      ...v,
      diff: v.diff.map((c) => (c.path.startsWith('/workflow/') && 'value' in c ? { ...c, value: maskWorkflowSecrets(c.value) } : c)),
      snapshot: v.snapshot.map((doc) => shown(doc.kind, doc)),
    };
  });

  r.post('/restore/:version', allowQuery(), async (ctx) => {
    ctx.body = await restoreVersion({ version: versionParam(ctx) }, metaCtx(ctx));
  });

  r.post('/plan', allowQuery(), async (ctx) => {
    ctx.body = await planPublish(knex, authOf(ctx).tenant);
  });

  r.post('/publish', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    if (b.confirmDestructive !== undefined && typeof b.confirmDestructive !== 'boolean') {
      throw badRequest('confirmDestructive must be true or false', { errors: [{ field: 'confirmDestructive', message: 'must be a boolean' }] });
    }
    const { tenant, actor } = authOf(ctx);
    ctx.body = await publishTenant(knex, tenant, actor, { confirmDestructive: b.confirmDestructive === true });
  });

  r.get('/entities/:entity/fields/:field/dependants', allowQuery(), async (ctx) => {
    const { entity, field } = ctx.params;
    const meta = await loadEffectiveMeta(knex, authOf(ctx).tenant);
    if (!meta.entities[entity]?.fields?.[field]) throw notFound(`There is no field "${field}" on entity "${entity}"`);
    const labelOf = (kind: MetadataKind, name: string): unknown => meta.documents[kind]?.[name]?.label;
    ctx.body = { entity, field, data: fieldDependants(meta, entity, field).map((d) => ({ ...d, ...(labelOf(d.kind, d.name) ? { label: labelOf(d.kind, d.name) } : {}) })) };
  });

  r.get('/:kind/:name', allowQuery(), async (ctx) => {
    const kind = kindOf(ctx);
    const own = await getTenantDocument({ kind, name: ctx.params.name }, metaCtx(ctx)).catch(onlyNotFound);
    const effective = (await loadEffectiveMeta(knex, authOf(ctx).tenant)).documents[kind]?.[ctx.params.name];
    if (!own && !effective) throw notFound(`There is no ${kind} "${ctx.params.name}"`);
    ctx.set('X-Metadata-Layer', own ? 'tenant' : 'effective');
    ctx.body = shown(kind, own ?? effective);
  });

  r.put('/:kind/:name', allowQuery(), async (ctx) => {
    const kind = kindOf(ctx);
    const base = ctx.get('If-Match');
    const c = metaCtx(ctx);
    const doc = kind === 'workflow' ? keepStoredSecrets(ctx.state.body, await storedDocuments(kind, ctx)) : ctx.state.body;
    const lowerLayers = await lowerLayersOf(knex, c.tenant);
    const onStored = await joinWorkingModule(ctx, kind, lowerLayers);
    const saved = await saveTenantDocument(
      { kind, name: ctx.params.name, doc, baseVersion: base ? Number(base.replace(/\D/g, '')) : undefined, onStored },
      { ...c, lowerLayers },
    );
    ctx.body = shown(kind, saved);
  });

  r.delete('/:kind/:name', allowQuery(), async (ctx) => {
    const kind = kindOf(ctx);
    const c = metaCtx(ctx);
    ctx.body = await deleteTenantDocument({ kind, name: ctx.params.name }, { ...c, lowerLayers: await lowerLayersOf(knex, c.tenant) });
  });

  return r;
};
