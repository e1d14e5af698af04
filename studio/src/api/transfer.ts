import { ApiError, apiUrl, send } from './http.js';
import type { ImportReport } from './types.js';

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;

/** The CSV download of an entity's records matching `filter`, in `sort` order (a plain link: the session cookie goes along). */
export const exportUrl = (entity: string, query: { filter?: unknown; sort?: string } = {}): string =>
  apiUrl(`${base(entity)}/export`, { filter: query.filter === undefined ? undefined : JSON.stringify(query.filter), sort: query.sort });

export interface ImportOptions {
  /** `id` or a unique field: rows whose key names a record update it. */
  key?: string;
  dryRun?: boolean;
  /** Keep the good rows when some fail. */
  partial?: boolean;
}

/**
 * Sends a CSV file to POST /api/records/:entity/import. A refused import (422) answers
 * its report like any other; other failures throw.
 */
export const importCsv = async (entity: string, file: Blob, opts: ImportOptions): Promise<ImportReport> => {
  const query = { key: opts.key || undefined, dryRun: opts.dryRun ? 'true' : undefined, partial: opts.partial ? 'true' : undefined };
  const path = apiUrl(`${base(entity)}/import`, query);
  try {
    return (await send<ImportReport>('POST', path, { raw: { body: file, type: 'text/csv' } })).body;
  } catch (e) {
    if (e instanceof ApiError && e.status === 422 && typeof (e.problem as unknown as ImportReport).failed === 'number') return e.problem as unknown as ImportReport;
    throw e;
  }
};
