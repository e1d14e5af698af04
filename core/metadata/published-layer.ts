import { notFound } from '../errors.js';
import type { MetadataDocument } from './types.js';
import { VERSIONS, lockTenant, type TenantMetaCtx } from './tenant-store.js';

type ReadCtx = Pick<TenantMetaCtx, 'knex' | 'tenant'>;

/** The tenant layer in force: the snapshot of the published version (none before the first publish). */
export const loadPublishedTenantLayer = async (ctx: ReadCtx): Promise<MetadataDocument[]> => {
  const row = await ctx.knex('crm_system.tenants as t')
    .leftJoin(`${VERSIONS} as v`, function () {
      this.on('v.tenant_id', '=', 't.id').andOn('v.version', '=', 't.published_version');
    })
    .where('t.id', ctx.tenant.id)
    .first('t.published_version', 'v.snapshot');
  if (!row) throw notFound(`Tenant "${ctx.tenant.slug}" does not exist`);
  return (row.snapshot as MetadataDocument[] | null) ?? [];
};

/**
 * Records that `version` is now the published tenant layer (after the schema change it
 * needs was applied, in the caller's transaction if it passes one as knex), and bumps the
 * tenant's metadata revision so caches of its effective metadata refresh.
 */
export const markPublished = async (input: { version: number }, ctx: ReadCtx): Promise<{ version: number }> =>
  ctx.knex.transaction(async (trx) => {
    await lockTenant(trx, ctx.tenant);
    const updated = await trx(VERSIONS).where({ tenant_id: ctx.tenant.id, version: input.version }).update({ published_at: trx.fn.now() });
    if (!updated) throw notFound(`Version ${input.version} does not exist`);
    await trx('crm_system.tenants')
      .where({ id: ctx.tenant.id })
      .update({ published_version: input.version, meta_revision: trx.raw('meta_revision + 1') });
    return { version: input.version };
  });
