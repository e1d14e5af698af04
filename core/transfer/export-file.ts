import type { Knex } from 'knex';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidInput } from '../errors.js';
import { auditExport } from '../security/index.js';
import { openSystemWork } from '../work/index.js';
import { exportCsv } from './export-csv.js';
import { exportXlsx } from './export-xlsx.js';

export interface ExportFileInput {
  entity: string;
  tenant: string;
  /** json-logic as JSON text. */
  filter?: string;
  /** "a,b,account.name" */
  fields?: string;
  sort?: string;
  /** A file to write; default: `stdout`. A name ending in .xlsx writes a workbook. */
  out?: string;
  bom?: boolean;
}

const parseFilter = (text: string | undefined): unknown => {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput('--filter is not valid JSON', [{ field: 'filter', message: 'must be a json-logic rule in JSON' }]);
  }
};

/**
 * `crm export`: streams the tenant's records as CSV (or an .xlsx workbook when `out` ends in .xlsx), read as its system actor in one
 * transaction, into a file (created only once the query is accepted) or `stdout`.
 */
export const exportFile = async (input: ExportFileInput, io: { knex: Knex; stdout: Writable }): Promise<void> => {
  const query = {
    filter: parseFilter(input.filter),
    fields: input.fields?.split(',').map((f) => f.trim()).filter(Boolean),
    sort: input.sort,
    bom: input.bom,
    tally: { rows: 0 },
  };
  const xlsx = input.out?.toLowerCase().endsWith('.xlsx') === true;
  const tenantId = await openSystemWork(io.knex, input.tenant, async (ctx) => {
    const file = await (xlsx ? exportXlsx : exportCsv)(input.entity, query, ctx);
    await pipeline(file, input.out ? createWriteStream(input.out) : io.stdout, { end: Boolean(input.out) });
    return ctx.tenant.id;
  });
  // Audited as the command line (no person), once the file is written.
  await auditExport(io.knex, {
    tenantId,
    actorId: null,
    what: 'records',
    target: input.entity,
    rows: query.tally.rows,
    from: { cli: true },
    details: { format: xlsx ? 'xlsx' : 'csv', fields: query.fields ?? null, filtered: query.filter !== undefined, ...(input.out && { file: input.out }) },
  });
};
