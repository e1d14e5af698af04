import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { publishedVersionOf } from '../tenants/tenant-store.js';
import { diffLayers } from '../metadata/diff-documents.js';
import { loadPublishedTenantLayer, markPublished } from '../metadata/published-layer.js';
import { DOCUMENTS, appendVersion, readDraft } from '../metadata/tenant-store.js';
import type { MetadataDocument } from '../metadata/types.js';
import type { PluginActor } from './types.js';

/** The tenant's layer twice: as being edited (draft) and as in force (published). */
export interface TenantLayers {
  draft: MetadataDocument[];
  published: MetadataDocument[];
  /** 0 before the first publish: then nothing is in force and only the draft counts. */
  publishedVersion: number;
}

export const readTenantLayers = async (trx: Knex.Transaction, tenant: Tenant): Promise<TenantLayers> => {
  const publishedVersion = await publishedVersionOf(trx, tenant);
  return {
    draft: await readDraft(trx, tenant),
    published: await loadPublishedTenantLayer({ knex: trx, tenant }),
    publishedVersion,
  };
};

const replaceDraft = async (trx: Knex.Transaction, tenant: Tenant, docs: MetadataDocument[]): Promise<void> => {
  await trx(DOCUMENTS).where({ tenant_id: tenant.id }).delete();
  for (const doc of docs) {
    await trx(DOCUMENTS).insert({ tenant_id: tenant.id, kind: doc.kind, name: doc.name, doc: JSON.stringify(doc) });
  }
};

/**
 * Stores a rewritten tenant layer as new versions, in the caller's transaction (which
 * holds the tenant lock): the rewritten published layer becomes a published version,
 * the rewritten draft the working layer (and the latest version when it differs).
 * Returns the versions written.
 */
export const writeTenantLayers = async (
  trx: Knex.Transaction,
  input: { tenant: Tenant; actor: PluginActor; before: TenantLayers; draft: MetadataDocument[]; published: MetadataDocument[]; message: string },
): Promise<number[]> => {
  const { tenant, actor, before, draft, published, message } = input;
  const ctx = { knex: trx, tenant, actor };
  const publishedChanged = before.publishedVersion > 0 && !isDeepStrictEqual(before.published, published);
  const draftChanged = !isDeepStrictEqual(before.draft, draft);
  const versions: number[] = [];
  if (publishedChanged) {
    const version = await appendVersion(trx, ctx, { message, diff: diffLayers(before.published, published), snapshot: published });
    await markPublished({ version }, ctx);
    versions.push(version);
  }
  if (draftChanged) await replaceDraft(trx, tenant, draft);
  if ((draftChanged || publishedChanged) && !(publishedChanged && isDeepStrictEqual(draft, published))) {
    const from = publishedChanged ? published : before.draft;
    versions.push(await appendVersion(trx, ctx, { message: `${message} (working copy)`, diff: diffLayers(from, draft), snapshot: draft }));
  }
  return versions;
};
