import { notFound } from '../errors.js';
import type { MetadataDocument } from './types.js';
import { DOCUMENTS, isoTime, type TenantMetaCtx } from './tenant-store.js';

export interface TenantDocumentRow {
  kind: string;
  name: string;
  doc: MetadataDocument;
  updatedAt: string;
  updatedBy: string | null;
}

/** One document of the tenant's working layer, as saved (an overlay stays an overlay). */
export const getTenantDocument = async (input: { kind: string; name: string }, ctx: Pick<TenantMetaCtx, 'knex' | 'tenant'>): Promise<MetadataDocument> => {
  const row = await ctx.knex(DOCUMENTS).where({ tenant_id: ctx.tenant.id, kind: input.kind, name: input.name }).first('doc');
  if (!row) throw notFound(`The tenant has no ${input.kind} "${input.name}"`);
  return row.doc as MetadataDocument;
};

/** Every document of the tenant's working layer, by kind and name. */
export const listTenantDocuments = async (ctx: Pick<TenantMetaCtx, 'knex' | 'tenant'>): Promise<TenantDocumentRow[]> => {
  const rows = await ctx.knex(DOCUMENTS)
    .where({ tenant_id: ctx.tenant.id })
    .orderBy([{ column: 'kind' }, { column: 'name' }])
    .select('kind', 'name', 'doc', 'updated_at', 'updated_by');
  return rows.map((r) => ({ kind: r.kind, name: r.name, doc: r.doc, updatedAt: isoTime(r.updated_at)!, updatedBy: r.updated_by }));
};
