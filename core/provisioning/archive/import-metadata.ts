import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { checkLayers, replaceDraft, type MetadataDocument } from '../../metadata/index.js';
import { installedPlugins } from '../../metadata/plugin-catalogue/plugin-installs.js';
import { lowerLayersOf } from '../../metadata/tenant-meta.js';
import type { Tenant } from '../../db/tenant.js';
import { getTenant } from '../../tenants/tenant-store.js';
import { systemActor } from '../../work/index.js';
import { readArchiveLines } from './archive-file.js';
import type { ArchiveHeader, ArchiveRow, SectionLine } from './format.js';
import { readHeader } from './read-header.js';

export interface MetadataImportResult {
  tenant: Tenant;
  header: ArchiveHeader;
  /** The target's new draft version, and how many changes it holds against the draft before. */
  version: number;
  changes: number;
  documents: number;
}

/** What the archive says about the source's metadata: its published layer and the plugins it has installed. */
const readSourceLayer = async (file: string): Promise<{ header: ArchiveHeader; documents: MetadataDocument[]; plugins: string[] }> => {
  const lines = readArchiveLines(file);
  try {
    const header = readHeader((await lines.next()).value, file);
    let section: SectionLine | undefined;
    let documents: MetadataDocument[] = [];
    const plugins: string[] = [];
    for await (const value of lines) {
      if (!Array.isArray(value)) {
        section = value && typeof value === 'object' && 'section' in value ? (value as SectionLine) : undefined;
        if (section?.section !== 'system') break; // the engine tables come first; the rest is data
        continue;
      }
      const row = Object.fromEntries(section!.columns.map((c, i) => [c.name, (value as ArchiveRow)[i]]));
      if (section!.table === 'plugin_installs' && row.status === 'installed') plugins.push(String(row.plugin));
      if (section!.table === 'metadata_versions' && Number(row.version) === header.tenant.publishedVersion) documents = JSON.parse(String(row.snapshot)) as MetadataDocument[];
    }
    return { header, documents, plugins };
  } finally {
    await lines.return(undefined);
  }
};

/**
 * Moves a tenant's metadata layer (as published in the archive's tenant, e.g. a sandbox)
 * into an existing tenant (e.g. production) as its new draft: one version the studio can
 * show, diff, publish with its plan (destructive steps flagged) or undo. Records, users
 * and files are not touched. Refused, changing nothing, when the target lacks a plugin
 * the source had installed or the layer would not check on top of the target's plugins.
 */
export const importMetadataLayer = async (input: { file: string; as?: string }, ctx: { knex: Knex }): Promise<MetadataImportResult> => {
  const { header, documents, plugins } = await readSourceLayer(input.file);
  const tenant = await getTenant(ctx.knex, input.as ?? header.tenant.slug);
  const installed = new Set((await installedPlugins(ctx.knex, tenant)).filter((p) => p.status === 'installed').map((p) => p.plugin));
  const missing = plugins.filter((p) => !installed.has(p));
  if (missing.length) {
    throw invalidInput(`Tenant "${tenant.slug}" lacks plugin(s) the archive's tenant has: ${missing.join(', ')}; install them first`, missing.map((p) => ({ field: 'plugins', message: p })));
  }
  const checked = checkLayers([...(await lowerLayersOf(ctx.knex, tenant)), { source: 'tenant', documents }]);
  if (checked.problems.length) {
    throw invalidInput(
      `The archive's metadata layer has ${checked.problems.length} problem(s) on top of tenant "${tenant.slug}"`,
      checked.problems.map((p) => ({ field: `${p.file}#${p.pointer}`, message: p.message })),
    );
  }
  const actor = await systemActor(ctx.knex, tenant.id);
  const message = `Imported the metadata layer of "${header.tenant.slug}" (published version ${header.tenant.publishedVersion}, exported ${header.exportedAt})`;
  const saved = await replaceDraft({ documents, message }, { knex: ctx.knex, tenant, actor: { id: actor.id, name: actor.name } });
  return { tenant, header, ...saved, documents: documents.length };
};
