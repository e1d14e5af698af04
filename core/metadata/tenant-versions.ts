import { notFound } from '../errors.js';
import type { MetadataDocument } from './types.js';
import { diffLayers, summarizeDiff, type Change, type DiffSummary } from './diff-documents.js';
import { DOCUMENTS, VERSIONS, appendVersion, isoTime, lockTenant, readDraft, type TenantMetaCtx } from './tenant-store.js';

type ReadCtx = Pick<TenantMetaCtx, 'knex' | 'tenant'>;

export interface VersionInfo {
  version: number;
  author: { id: string | null; name: string | null };
  at: string;
  message: string | null;
  publishedAt: string | null;
  summary: DiffSummary;
}

interface VersionRow {
  version: number;
  author_id: string | null;
  author_name: string | null;
  created_at: unknown;
  message: string | null;
  published_at: unknown;
  diff: Change[];
}

const info = (r: VersionRow): VersionInfo => ({
  version: r.version,
  author: { id: r.author_id, name: r.author_name },
  at: isoTime(r.created_at)!,
  message: r.message,
  publishedAt: isoTime(r.published_at),
  summary: summarizeDiff(r.diff),
});

const COLUMNS = ['version', 'author_id', 'author_name', 'created_at', 'message', 'published_at', 'diff'];

/** The history of the tenant layer, newest first. */
export const listVersions = async (ctx: ReadCtx): Promise<VersionInfo[]> => {
  const rows = await ctx.knex(VERSIONS).where({ tenant_id: ctx.tenant.id }).orderBy('version', 'desc').select(COLUMNS);
  return rows.map(info);
};

/** One version with its full diff and the layer as it was. */
export const getVersion = async (input: { version: number }, ctx: ReadCtx): Promise<VersionInfo & { diff: Change[]; snapshot: MetadataDocument[] }> => {
  const row = await ctx.knex(VERSIONS).where({ tenant_id: ctx.tenant.id, version: input.version }).first([...COLUMNS, 'snapshot']);
  if (!row) throw notFound(`Version ${input.version} does not exist`);
  return { ...info(row), diff: row.diff, snapshot: row.snapshot };
};

/**
 * Makes the working layer exactly `documents`, recorded as one new version with its diff
 * (so it can be undone like any save). Not validated here: publishing checks the layer.
 * Restoring an earlier version and importing another tenant's layer both end here.
 */
export const replaceDraft = async (input: { documents: MetadataDocument[]; message: string }, ctx: TenantMetaCtx): Promise<{ version: number; changes: number }> =>
  ctx.knex.transaction(async (trx) => {
    await lockTenant(trx, ctx.tenant);
    const before = await readDraft(trx, ctx.tenant);
    await trx(DOCUMENTS).where({ tenant_id: ctx.tenant.id }).delete();
    for (const doc of input.documents) {
      await trx(DOCUMENTS).insert({ tenant_id: ctx.tenant.id, kind: doc.kind, name: doc.name, doc: JSON.stringify(doc) });
    }
    const diff = diffLayers(before, input.documents);
    const version = await appendVersion(trx, ctx, { message: input.message, diff, snapshot: input.documents });
    return { version, changes: diff.length };
  });

/**
 * Makes the working layer what it was at `version`, recorded as a new version (so the
 * restore itself can be undone). Not re-validated: an old version may predate changes
 * below it; publishing checks the layer anyway.
 */
export const restoreVersion = async (input: { version: number; message?: string }, ctx: TenantMetaCtx): Promise<{ version: number }> => {
  const row = await ctx.knex(VERSIONS).where({ tenant_id: ctx.tenant.id, version: input.version }).first('snapshot');
  if (!row) throw notFound(`Version ${input.version} does not exist`);
  const { version } = await replaceDraft({ documents: row.snapshot as MetadataDocument[], message: input.message ?? `Restored version ${input.version}` }, ctx);
  return { version };
};
