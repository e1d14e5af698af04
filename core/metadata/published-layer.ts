import { notFound } from '../errors.js';
import { publishedVersionOf, setPublishedVersion } from '../tenants/tenant-store.js';
import type { MetadataDocument } from './types.js';
import { VERSIONS, lockTenant, type TenantMetaCtx } from './tenant-store.js';

type ReadCtx = Pick<TenantMetaCtx, 'knex' | 'tenant'>;

/** The tenant layer in force: the snapshot of the published version (none before the first publish). */
export const loadPublishedTenantLayer = async (ctx: ReadCtx): Promise<MetadataDocument[]> => {
  const version = await publishedVersionOf(ctx.knex, ctx.tenant);
  if (!version) return [];
  const row = await ctx.knex(VERSIONS).where({ tenant_id: ctx.tenant.id, version }).first('snapshot');
  return (row?.snapshot as MetadataDocument[] | null | undefined) ?? [];
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
    await setPublishedVersion(trx, ctx.tenant, input.version);
    return { version: input.version };
  });
