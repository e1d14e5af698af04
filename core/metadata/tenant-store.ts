import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { lockTenantRow } from '../tenants/tenant-store.js';
import type { MetadataDocument } from './types.js';
import type { MetadataLayer } from './merge-layers.js';
import type { Change } from './diff-documents.js';

/** What the tenant-layer services need: the engine connection (or a transaction of it), the tenant and who acts. */
export interface TenantMetaCtx {
  knex: Knex;
  tenant: Tenant;
  actor: { id: string; name: string };
  /** Layers below the tenant's (system, then installed plugins in dependency order). Default: the system layer. */
  lowerLayers?: MetadataLayer[];
}

export const DOCUMENTS = 'crm_system.metadata_documents';
export const VERSIONS = 'crm_system.metadata_versions';

/** Timestamps as ISO strings whichever driver read them. */
export const isoTime = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant's layer as saves see it: every stored document, named `tenant:<kind>/<name>` in problems. */
export const tenantLayer = (documents: MetadataDocument[]): MetadataLayer => ({ source: 'tenant', documents });

/** Locks the tenant's row for the transaction, so saves of one tenant take version numbers one at a time. */
export const lockTenant = async (trx: Knex, tenant: Tenant): Promise<{ publishedVersion: number }> => lockTenantRow(trx, tenant);

/** The working (draft) layer: every document the tenant has saved. */
export const readDraft = async (db: Knex, tenant: Tenant): Promise<MetadataDocument[]> => {
  const rows = await db(DOCUMENTS).where({ tenant_id: tenant.id }).orderBy([{ column: 'kind' }, { column: 'name' }]).select('doc');
  return rows.map((r: { doc: MetadataDocument }) => r.doc);
};

export const latestVersion = async (db: Knex, tenant: Tenant): Promise<number> => {
  const row = await db(VERSIONS).where({ tenant_id: tenant.id }).max({ v: 'version' }).first();
  return Number(row?.v ?? 0);
};

export const writeDraftDocument = async (trx: Knex, ctx: TenantMetaCtx, doc: MetadataDocument): Promise<void> => {
  await trx(DOCUMENTS)
    .insert({
      tenant_id: ctx.tenant.id,
      kind: doc.kind,
      name: doc.name,
      doc: JSON.stringify(doc),
      updated_by: UUID.test(ctx.actor.id) ? ctx.actor.id : null,
    })
    .onConflict(['tenant_id', 'kind', 'name'])
    .merge({ doc: JSON.stringify(doc), updated_at: trx.fn.now(), updated_by: UUID.test(ctx.actor.id) ? ctx.actor.id : null });
};

/** Appends the next version: who, why, what changed, and the whole layer as it now is. */
export const appendVersion = async (
  trx: Knex,
  ctx: TenantMetaCtx,
  entry: { message: string; diff: Change[]; snapshot: MetadataDocument[] },
): Promise<number> => {
  const version = (await latestVersion(trx, ctx.tenant)) + 1;
  await trx(VERSIONS).insert({
    tenant_id: ctx.tenant.id,
    version,
    author_id: UUID.test(ctx.actor.id) ? ctx.actor.id : null,
    author_name: ctx.actor.name,
    message: entry.message,
    diff: JSON.stringify(entry.diff),
    snapshot: JSON.stringify(entry.snapshot),
  });
  return version;
};
