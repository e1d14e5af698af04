import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { enterTenant, leaveTenant, TENANT_SLUG, type Tenant } from '../../db/tenant.js';
import { LATEST_TENANT_SCHEMA } from '../../db/tenant-schema/ladder.js';
import { badRequest, conflict, invalidInput } from '../../errors.js';
import { deferForeignKeys, restoreRetired } from '../../schema/index.js';
import { syncTenantSchema } from '../../schema/publish.js';
import { createTenant, findTenant, refreshTenant, setPublishedVersion, setTenantStatus } from '../../tenants/tenant-store.js';
import { readArchiveLines } from './archive-file.js';
import { RENEWED_ID_TABLES, SYSTEM_TABLES, TENANT_TABLES, countKey, type ArchiveHeader, type ArchiveRow, type SectionLine } from './format.js';
import { checkColumns, continueSequences, loadRows, type LoadTarget } from './load-rows.js';
import { readHeader } from './read-header.js';
import { tableColumns } from './table-rows.js';

export interface ImportProgress {
  done: number;
  total: number;
  table: string;
}

export interface ImportResult {
  tenant: Tenant;
  header: ArchiveHeader;
  /** Rows loaded per `<section>:<table>`. */
  counts: Record<string, number>;
  /** Users and portal users that took new ids because theirs were taken in this database (an import beside the source). */
  renewedUserIds: number;
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const PAGE_ROWS = 500;
const PAGE_CHARS = 8_000_000;

/**
 * Makes a tenant from an archive (format.ts) under its own slug or `as`, in one
 * transaction: a failure anywhere leaves no tenant, role or schema behind. The tenant is
 * made the engine's way (core/tenants: row, role, schema ladder), its metadata layer and
 * plugin installs loaded, and its entity tables made by schema sync from that metadata;
 * retired columns and tables come back as stored. Then every row is loaded as it was
 * (ids, versions, timestamps, history, files), counters and sequences continue after the
 * loaded values. Rows go in below the record service: no hook, workflow or webhook runs.
 * User and portal user ids already taken in this database (the source tenant beside it)
 * are renewed everywhere they appear.
 */
export const importTenant = async (
  input: { file: string; as?: string; onProgress?: (p: ImportProgress) => void },
  ctx: { knex: Knex },
): Promise<ImportResult> => {
  const lines = readArchiveLines(input.file);
  try {
    const first = await lines.next();
    const header = readHeader(first.value, input.file);
    const slug = input.as ?? header.tenant.slug;
    if (!TENANT_SLUG.test(slug)) throw badRequest('Tenant slug must match ^[a-z][a-z0-9_]{0,39}$', { errors: [{ field: 'slug', message: slug }] });
    if (await findTenant(ctx.knex, slug)) {
      throw conflict(`Tenant "${slug}" already exists; nothing was imported (choose another slug with --as <slug>)`, { errors: [{ field: 'slug', message: 'taken' }] });
    }
    if (header.tenant.schemaVersion > LATEST_TENANT_SCHEMA) {
      throw invalidInput(`The archive comes from a newer engine (tenant schema ${header.tenant.schemaVersion}, this engine has ${LATEST_TENANT_SCHEMA}); upgrade this engine first`, [{ field: 'schemaVersion', message: 'too new' }]);
    }
    const total = Object.values(header.counts).reduce((n, c) => n + Number(c), 0);
    return await ctx.knex.transaction(async (trx) => {
      let tenant = await createTenant(trx, { slug, name: header.tenant.name });
      const userIds = new Map<string, string>();
      const counts: Record<string, number> = {};
      let target: (LoadTarget & { key: string }) | undefined;
      let page: ArchiveRow[] = [];
      let pageChars = 0;
      let inTenant = false;
      let finishLoad: (() => Promise<void>) | undefined;
      let done = 0;
      let ended = false;

      const flush = async (): Promise<void> => {
        if (!target || !page.length) return;
        if (RENEWED_ID_TABLES.some((t) => target!.key === countKey('system', t))) await renewTakenIds(trx, page, target, userIds);
        await loadRows(trx, target, page);
        counts[target.key] = (counts[target.key] ?? 0) + page.length;
        done += page.length;
        input.onProgress?.({ done, total, table: target.table });
        page = [];
        pageChars = 0;
      };
      /** Once the engine rows are in: the metadata in force, then the tables schema sync makes from it. */
      const makeTables = async (): Promise<void> => {
        await setPublishedVersion(trx, tenant, header.tenant.publishedVersion);
        if (header.tenant.status && header.tenant.status !== 'active') await setTenantStatus(trx, tenant, header.tenant.status);
        tenant = await refreshTenant(trx, tenant);
        await syncTenantSchema(trx, tenant);
        await enterTenant(trx, tenant);
        finishLoad = await deferForeignKeys(trx);
        inTenant = true;
      };
      const startSection = async (s: SectionLine): Promise<void> => {
        if (s.section !== 'system' && !inTenant) await makeTables();
        if (s.section === 'system' && (inTenant || !(SYSTEM_TABLES as readonly string[]).includes(s.table))) throw damaged(input.file, `unexpected engine table "${s.table}"`);
        if (s.section === 'tenant' && !(TENANT_TABLES as readonly string[]).includes(s.table)) throw damaged(input.file, `unknown table "${s.table}"`);
        if (s.section === 'entity') {
          if (s.table.startsWith('_')) throw damaged(input.file, `entity table "${s.table}"`);
          await restoreRetired(trx, { name: s.table, id: s.id, columns: s.columns });
        }
        const table = s.section === 'system' ? `crm_system.${s.table}` : s.table;
        const types = new Map((await tableColumns(trx, table)).map((c) => [c.name, c.type]));
        target = { key: countKey(s.section, s.table), table, columns: s.columns, types, ...(s.section === 'system' ? { fixed: { column: 'tenant_id', value: tenant.id } } : {}) };
        checkColumns(target);
        counts[target.key] = 0;
      };

      for await (const value of lines) {
        if (ended) throw damaged(input.file, 'lines after the end');
        if (Array.isArray(value)) {
          if (!target || value.length !== target.columns.length) throw damaged(input.file, 'a row outside a table or of the wrong width');
          const row = userIds.size ? renew(value as ArchiveRow, userIds) : (value as ArchiveRow);
          page.push(row);
          pageChars += row.reduce((n, v) => n + (v?.length ?? 0), 0);
          if (page.length >= PAGE_ROWS || pageChars >= PAGE_CHARS) await flush();
        } else if (value && typeof value === 'object' && 'section' in value) {
          await flush();
          await startSection(value as SectionLine);
        } else if (value && typeof value === 'object' && 'end' in value) {
          await flush();
          ended = true;
        } else {
          throw damaged(input.file, 'a line that is neither a table, a row nor the end');
        }
      }
      if (!ended) throw damaged(input.file, 'it ends before its last line (cut short?)');
      if (!inTenant) await makeTables();
      await finishLoad!();
      await continueSequences(trx);
      await leaveTenant(trx);
      return { tenant: await refreshTenant(trx, tenant), header, counts, renewedUserIds: userIds.size };
    });
  } finally {
    await lines.return(undefined);
  }
};

const damaged = (file: string, what: string) => invalidInput(`${file} is a damaged tenant archive: ${what}`, [{ field: 'file', message: what }]);

/** The row with every renewed user id replaced, wherever it appears (references, history, JSON). */
const renew = (row: ArchiveRow, ids: Map<string, string>): ArchiveRow => row.map((v) => (v === null ? v : v.replace(UUIDS, (m) => ids.get(m.toLowerCase()) ?? m)));

/** Gives (portal) users whose ids another tenant of this database holds a new id, recorded in `ids` for every later row. */
const renewTakenIds = async (trx: Knex.Transaction, page: ArchiveRow[], target: LoadTarget, ids: Map<string, string>): Promise<void> => {
  const at = target.columns.findIndex((c) => c.name === 'id');
  const taken = new Set((await trx(target.table).whereIn('id', page.map((r) => r[at]!)).select('id')).map((r: { id: string }) => r.id));
  for (const row of page) {
    if (!taken.has(row[at]!)) continue;
    const id = uuidv7();
    ids.set(row[at]!.toLowerCase(), id);
    row[at] = id;
  }
};
