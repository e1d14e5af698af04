import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { finished } from 'node:stream/promises';
import type { Readable, Transform } from 'node:stream';
import { AppError, badRequest, invalidInput, problem } from '../../errors.js';
import { MAX_IMPORT_BYTES, XLSX_TYPE, errorCsv, exportCsv, exportXlsx, importTable, limitBytes, type ExportQuery, type ImportReport, type TableFormat } from '../../transfer/index.js';
import { auditExport } from '../../security/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

const flag = (ctx: Context, name: string): boolean => {
  const v = queryString(ctx, name);
  if (v === undefined || v === 'false') return false;
  if (v === 'true' || v === '') return true;
  throw invalidInput(`${name} must be true or false`, [{ field: name, message: 'must be true or false' }]);
};

const exportQuery = (ctx: Context): ExportQuery => {
  const filter = queryString(ctx, 'filter');
  let parsed: unknown;
  try {
    parsed = filter ? JSON.parse(filter) : undefined;
  } catch {
    throw invalidInput('filter is not valid JSON', [{ field: 'filter', message: 'must be a json-logic rule in JSON' }]);
  }
  const fields = queryString(ctx, 'fields')?.split(',').map((f) => f.trim()).filter(Boolean);
  return { filter: parsed, fields, sort: queryString(ctx, 'sort'), bom: queryString(ctx, 'bom') !== 'false' };
};

const exportFormat = (ctx: Context): TableFormat => {
  const format = queryString(ctx, 'format') || 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw invalidInput('format must be csv or xlsx', [{ field: 'format', message: 'csv | xlsx' }]);
  return format;
};

/**
 * The export, streamed in the tenant transaction: resolves with the file once the first
 * page is read (so bad input is a normal problem answer); the transaction ends when the
 * file has been sent or the download is dropped.
 */
const openExport = (knex: Knex, ctx: Context, query: ExportQuery, format: TableFormat): Promise<Readable> =>
  new Promise((resolve, reject) => {
    let opened = false;
    inTenant(knex, ctx, async (rctx) => {
      const file = await (format === 'xlsx' ? exportXlsx : exportCsv)(ctx.params.entity, query, rctx);
      opened = true;
      resolve(file);
      ctx.res.once('close', () => file.destroy());
      await finished(file);
    }).catch((err) => (opened ? ctx.state.log?.warn({ err }, 'export stopped before its end') : reject(err)));
  });

/** What the upload says it is: a workbook, CSV text, or some bytes to be told apart by their start. */
const declaredFormat = (ctx: Context): TableFormat | undefined => {
  const type = ctx.is('text/csv', XLSX_TYPE, 'application/vnd.ms-excel', 'application/octet-stream');
  if (typeof type !== 'string') throw problem('UNSUPPORTED_MEDIA_TYPE', { expected: `CSV (Content-Type: text/csv) or an Excel workbook (Content-Type: ${XLSX_TYPE})` });
  return type === XLSX_TYPE ? 'xlsx' : type === 'text/csv' ? 'csv' : undefined;
};

const wantsErrorCsv = (ctx: Context): boolean => {
  const errors = queryString(ctx, 'errors');
  if (errors !== undefined && errors !== 'csv' && errors !== 'json') throw invalidInput('errors must be csv or json', [{ field: 'errors', message: 'csv | json' }]);
  return errors === 'csv' || (errors === undefined && ctx.accepts('application/json', 'text/csv') === 'text/csv');
};

/** The request body, at most MAX_IMPORT_BYTES; an upload that breaks off ends the import (and its transaction) instead of leaving it waiting. */
const upload = (ctx: Context): Transform => {
  const { req } = ctx;
  const input = limitBytes(MAX_IMPORT_BYTES);
  // Until the import reads it, an error stays in the stream's state (the import finds it there).
  input.on('error', () => undefined);
  const broke = () => input.destroy(badRequest('The upload broke off before its end'));
  if (req.destroyed && !req.complete) broke();
  else {
    req.once('error', (e) => input.destroy(e));
    req.once('close', () => req.complete || broke());
    req.pipe(input);
  }
  return input;
};

/** `workflows=false`: the imported rows start no workflows (admins only: skipping automation is theirs to decide). */
const workflowsFlag = (ctx: Context): boolean => {
  const v = queryString(ctx, 'workflows');
  if (v === undefined || v === 'true') return true;
  if (v !== 'false') throw invalidInput('workflows must be true or false', [{ field: 'workflows', message: 'true | false' }]);
  if (!authOf(ctx).actor.isAdmin) throw problem('ADMIN_ONLY', { what: 'import without starting workflows' });
  return false;
};

const refused = (report: ImportReport): AppError =>
  problem('IMPORT_FAILED', { count: report.failed }, { ...report });

/** /api/records/:entity/export and /import: CSV and .xlsx in and out over the record service. */
export const transferRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/records' });

  r.get('/:entity/export', allowQuery('filter', 'fields', 'sort', 'bom', 'format'), async (ctx) => {
    const format = exportFormat(ctx);
    const query = { ...exportQuery(ctx), tally: { rows: 0 } };
    const file = await openExport(knex, ctx, query, format);
    // Who took which records out, and how: the tenant's audit log (GET /api/audit?action=records.export),
    // written once the file has gone out (the export's transaction holds its connection until then).
    const { tenant, actor } = authOf(ctx);
    const entity = ctx.params.entity;
    finished(file)
      .then(() => auditExport(knex, { tenantId: tenant.id, actorId: actor.id, what: 'records', target: entity, rows: query.tally.rows, from: { ip: ctx.ip }, details: { format, fields: query.fields ?? null, filtered: query.filter !== undefined } }))
      .catch((err: unknown) => ctx.state.log?.warn({ err }, 'export not audited'));
    ctx.type = format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8';
    ctx.attachment(`${ctx.params.entity}.${format}`);
    ctx.body = file;
  });

  r.post('/:entity/import', allowQuery('dryRun', 'key', 'errors', 'partial', 'workflows', 'duplicates'), async (ctx) => {
    const declared = declaredFormat(ctx);
    if (Number(ctx.get('Content-Length') || 0) > MAX_IMPORT_BYTES) throw problem('IMPORT_TOO_LARGE', { size: `${MAX_IMPORT_BYTES} bytes` });
    const asCsv = wantsErrorCsv(ctx);
    const workflows = workflowsFlag(ctx);
    const asked = queryString(ctx, 'duplicates') || undefined;
    const duplicates = (['flag', 'skip'] as const).find((d) => d === asked);
    if (asked !== undefined && !duplicates) throw invalidInput('duplicates must be "flag" or "skip"', [{ field: 'duplicates', message: 'flag | skip' }]);
    const opts = { key: queryString(ctx, 'key') || undefined, dryRun: flag(ctx, 'dryRun'), partial: flag(ctx, 'partial'), workflows, duplicates };
    const file = asCsv ? errorCsv() : undefined;
    const chunks: Buffer[] = [];
    file?.stream.on('data', (c: Buffer) => chunks.push(c));
    const input = upload(ctx);
    let report: ImportReport;
    try {
      report = await inTenant(knex, ctx, (rctx) => importTable(ctx.params.entity, input, { ...opts, declared, onHeader: file?.header, onFailedRow: file?.row }, rctx), { door: 'import', workflows });
    } finally {
      // Refused before the end of the upload (404, 400, 413): answer and close rather than read the rest.
      if (!ctx.req.complete) {
        ctx.req.unpipe(input);
        ctx.set('Connection', 'close');
      }
    }
    const failedImport = !report.committed && !report.dryRun;
    if (!file) {
      if (failedImport) throw refused(report);
      ctx.body = report;
      return;
    }
    file.end();
    await finished(file.stream);
    ctx.status = failedImport ? 422 : 200;
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('X-Import-Report', JSON.stringify({ created: report.created, updated: report.updated, failed: report.failed, committed: report.committed, dryRun: report.dryRun, workflows: report.workflows }));
    ctx.body = Buffer.concat(chunks);
  });

  return r;
};
