import { ApiError, apiUrl, send } from './http.js';
import type { ImportReport } from './types.js';

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;

/** The formats records go out and come in as. */
export type TransferFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The download of an entity's records matching `filter`, in `sort` order, as CSV or an Excel workbook (a plain link: the session cookie goes along). */
export const exportUrl = (entity: string, query: { filter?: unknown; sort?: string; format?: TransferFormat } = {}): string =>
  apiUrl(`${base(entity)}/export`, {
    filter: query.filter === undefined ? undefined : JSON.stringify(query.filter),
    sort: query.sort,
    format: query.format === 'xlsx' ? 'xlsx' : undefined,
  });

export interface ImportOptions {
  /** `id` or a unique field: rows whose key names a record update it. */
  key?: string;
  dryRun?: boolean;
  /** Keep the good rows when some fail. */
  partial?: boolean;
  /** false: the rows start no workflows (tenant admins only). */
  workflows?: boolean;
  /** New rows matching records by the duplicate rules: listed (flag), or listed and left out (skip). */
  duplicates?: 'flag' | 'skip';
}

/** What a picked file is sent as: a workbook by its name or type, CSV otherwise (the server checks the bytes either way). */
export const importType = (file: Blob & { name?: string }): string =>
  file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name ?? '') ? XLSX_TYPE : 'text/csv';

/**
 * Sends a CSV file or an .xlsx workbook to POST /api/records/:entity/import. A refused
 * import (422) answers its report like any other; other failures throw.
 */
export const importRecords = async (entity: string, file: Blob & { name?: string }, opts: ImportOptions): Promise<ImportReport> => {
  const query = { key: opts.key || undefined, dryRun: opts.dryRun ? 'true' : undefined, partial: opts.partial ? 'true' : undefined, workflows: opts.workflows === false ? 'false' : undefined, duplicates: opts.duplicates };
  const path = apiUrl(`${base(entity)}/import`, query);
  try {
    return (await send<ImportReport>('POST', path, { raw: { body: file, type: importType(file) } })).body;
  } catch (e) {
    if (e instanceof ApiError && e.status === 422 && typeof (e.problem as unknown as ImportReport).failed === 'number') return e.problem as unknown as ImportReport;
    throw e;
  }
};
