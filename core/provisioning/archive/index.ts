import { rename, rm } from 'node:fs/promises';
import type { Knex } from 'knex';
import { openArchiveWriter } from './archive-file.js';
import { exportTenant, type ExportProgress } from './export-tenant.js';
import type { ArchiveHeader } from './format.js';
import { auditExport } from '../../security/index.js';
import { getTenant } from '../../tenants/tenant-store.js';

export { importTenant, type ImportProgress, type ImportResult } from './import-tenant.js';
export type { ExportProgress } from './export-tenant.js';
export { ARCHIVE_FORMAT, ARCHIVE_VERSION, TENANT_TABLES, TENANT_TABLES_LEFT_OUT, type ArchiveHeader } from './format.js';

/**
 * Exports the tenant to `out` (a gzip'd archive, format.ts). The file appears whole or
 * not at all: it is written beside as `<out>.partial` and renamed at the end. Audited
 * (`tenant.export`: rows in all, records, the command line's host) once the file is whole.
 */
export const exportTenantToFile = async (
  input: { slug: string; out: string; engineVersion: string; onProgress?: (p: ExportProgress) => void },
  ctx: { knex: Knex },
): Promise<ArchiveHeader> => {
  const partial = `${input.out}.partial`;
  const writer = openArchiveWriter(partial);
  try {
    const header = await exportTenant(input, { knex: ctx.knex, out: writer });
    await writer.close();
    await rename(partial, input.out);
    const counts = Object.entries(header.counts);
    await auditExport(ctx.knex, {
      tenantId: (await getTenant(ctx.knex, input.slug)).id,
      actorId: null,
      what: 'tenant',
      target: input.slug,
      rows: counts.reduce((n, [, c]) => n + c, 0),
      from: { cli: true },
      details: { records: counts.filter(([k]) => k.startsWith('entity:')).reduce((n, [, c]) => n + c, 0), archiveVersion: header.version, file: input.out },
    });
    return header;
  } catch (e) {
    await writer.abort();
    await rm(partial, { force: true });
    throw e;
  }
};
export { importMetadataLayer, type MetadataImportResult } from './import-metadata.js';
