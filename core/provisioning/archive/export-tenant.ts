import type { Knex } from 'knex';
import { enterTenant, leaveTenant } from '../../db/tenant.js';
import { introspectSchema } from '../../schema/index.js';
import { getTenant, listTenants } from '../../tenants/tenant-store.js';
import type { LineWriter } from './archive-file.js';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, SYSTEM_TABLES, TENANT_TABLES, countKey, type ArchiveHeader, type SectionKind, type SectionLine } from './format.js';
import { countRows, tableColumns, tableRows, type TableScan } from './table-rows.js';

export interface ExportProgress {
  /** Rows written so far and rows in the archive. */
  done: number;
  total: number;
  table: string;
}

interface Planned {
  section: SectionKind;
  scan: TableScan;
  id?: string;
  rows: number;
}

/** Every table of the archive with its row count, read in the export's snapshot. */
const planTables = async (trx: Knex.Transaction, tenant: { id: string; role: string; schema: string }): Promise<Planned[]> => {
  const planned: Planned[] = [];
  for (const table of SYSTEM_TABLES) {
    const qualified = `crm_system.${table}`;
    const columns = (await tableColumns(trx, qualified)).filter((c) => c.name !== 'tenant_id');
    const scan: TableScan = { table: qualified, columns, where: { column: 'tenant_id', value: tenant.id }, pageSize: table === 'metadata_versions' ? 20 : 500 };
    planned.push({ section: 'system', scan, rows: await countRows(trx, scan) });
  }
  await enterTenant(trx, tenant);
  for (const table of TENANT_TABLES) {
    const scan: TableScan = { table, columns: await tableColumns(trx, table), pageSize: table === '_files' ? 5 : 500 };
    planned.push({ section: 'tenant', scan, rows: await countRows(trx, scan) });
  }
  for (const t of await introspectSchema(trx)) {
    const scan: TableScan = { table: t.name, columns: await tableColumns(trx, t.name) };
    planned.push({ section: 'entity', scan, id: t.id, rows: await countRows(trx, scan) });
  }
  await leaveTenant(trx);
  return planned;
};

/**
 * Writes the tenant to an archive (format.ts): its metadata layer and versions, plugin
 * installs, users (password hashes included, API keys and sessions not), every entity
 * table as stored (retired columns and tables too), record history, files, saved
 * views, counters and workflow cursors. One repeatable-read transaction, so the archive
 * is one consistent moment of the tenant; rows are read a page at a time and written as
 * they come.
 */
export const exportTenant = async (
  input: { slug: string; engineVersion: string; onProgress?: (p: ExportProgress) => void },
  ctx: { knex: Knex; out: LineWriter },
): Promise<ArchiveHeader> => {
  const tenant = await getTenant(ctx.knex, input.slug);
  const listing = (await listTenants(ctx.knex)).find((t) => t.id === tenant.id)!;
  return ctx.knex.transaction(
    async (trx) => {
      const planned = await planTables(trx, tenant);
      const header: ArchiveHeader = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        engineVersion: input.engineVersion,
        exportedAt: new Date().toISOString(),
        secret: true,
        tenant: { slug: tenant.slug, name: tenant.name, status: listing.status, publishedVersion: tenant.publishedVersion, schemaVersion: listing.schemaVersion },
        counts: Object.fromEntries(planned.map((p) => [countKey(p.section, p.scan.table.replace(/^crm_system\./, '')), p.rows])),
      };
      await ctx.out.write(header);
      const total = planned.reduce((n, p) => n + p.rows, 0);
      let done = 0;
      for (const p of planned) {
        const table = p.scan.table.replace(/^crm_system\./, '');
        const section: SectionLine = { section: p.section, table, ...(p.id ? { id: p.id } : {}), columns: p.scan.columns, rows: p.rows };
        await ctx.out.write(section);
        if (p.section !== 'system') await enterTenant(trx, tenant);
        for await (const page of tableRows(trx, p.scan)) {
          for (const row of page) await ctx.out.write(row);
          done += page.length;
          input.onProgress?.({ done, total, table });
        }
        if (p.section !== 'system') await leaveTenant(trx);
      }
      await ctx.out.write({ end: true, rows: done });
      return header;
    },
    { isolationLevel: 'repeatable read' },
  );
};
