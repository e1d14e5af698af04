import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { listReports, pivotWorkbook, previewReport, runPivot, runReport, type PivotInput, type UserNames } from '../../reports/index.js';
import { actorNames, auditExport } from '../../security/index.js';
import { allowQuery } from '../middleware/query-guard.js';
import { requestLocale } from '../request-locale.js';
import { authOf, inTenant } from '../tenant-work.js';

const PIVOT_KEYS = ['rows', 'columns', 'measures', 'filter', 'drill'];

const pivotInput = (b: unknown): PivotInput => {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
  const unknown = Object.keys(b).filter((k) => !PIVOT_KEYS.includes(k));
  if (unknown.length) throw invalidInput('Unknown properties in the body', unknown.map((k) => ({ field: k, message: `not a pivot option (${PIVOT_KEYS.join(', ')})` })));
  return b as PivotInput;
};

/**
 * GET /api/reports (the reports the user may run), POST /api/reports/:name/run {filter?, drill?},
 * POST /api/reports/:name/pivot {rows, columns, measures, filter, drill} and /pivot.xlsx (the same as Excel),
 * POST /api/reports/preview {report} (a document not published yet, run the same way: the studio's designer).
 */
export const reportRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/reports' });
  /** Names of the owners a pivot shows, read where names live (any signed-in user may see who owns what they read). */
  const namesFor = (ctx: Parameters<typeof authOf>[0]): UserNames => async (ids) =>
    new Map([...(await actorNames({ tenantId: authOf(ctx).tenant.id, ids }, { knex }))].map(([id, a]) => [id, a.name]));

  r.get('/', allowQuery(), async (ctx) => {
    ctx.body = { data: await inTenant(knex, ctx, async (rctx) => listReports(rctx)) };
  });

  r.post('/:name/run', allowQuery(), async (ctx) => {
    const b = ctx.state.body ?? {};
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
    const { filter, drill, ...rest } = b as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length) throw invalidInput('Unknown properties in the body', unknown.map((k) => ({ field: k, message: 'not a report option (filter, drill)' })));
    ctx.body = await inTenant(knex, ctx, (rctx) => runReport(ctx.params.name, { filter, drill: drill as Record<string, unknown> | undefined }, rctx));
  });

  r.post('/preview', allowQuery(), async (ctx) => {
    const b = ctx.state.body ?? {};
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalidInput('The body must be a JSON object', [{ field: '', message: 'expected an object' }]);
    const { report, ...rest } = b as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length) throw invalidInput('Unknown properties in the body', unknown.map((k) => ({ field: k, message: 'not a preview option (report)' })));
    if (report === undefined) throw invalidInput('The body needs the report document', [{ field: 'report', message: 'required' }]);
    ctx.body = await inTenant(knex, ctx, (rctx) => previewReport(report, rctx));
  });

  r.post('/:name/pivot', allowQuery(), async (ctx) => {
    const input = pivotInput(ctx.state.body ?? {});
    ctx.body = await inTenant(knex, ctx, (rctx) => runPivot(ctx.params.name, input, rctx, namesFor(ctx)));
  });

  r.post('/:name/pivot.xlsx', allowQuery(), async (ctx) => {
    const input = pivotInput(ctx.state.body ?? {});
    const locale = await requestLocale(ctx);
    const answer = await inTenant(knex, ctx, (rctx) => runPivot(ctx.params.name, input, rctx, namesFor(ctx)));
    const workbook = await pivotWorkbook(answer, locale);
    const { tenant, actor } = authOf(ctx);
    await auditExport(knex, { tenantId: tenant.id, actorId: actor.id, what: 'report', target: ctx.params.name, rows: answer.cells.length, from: { ip: ctx.ip }, details: { format: 'xlsx', axes: { rows: input.rows ?? [], columns: input.columns ?? [] }, drilled: input.drill !== undefined } });
    ctx.set('Content-Disposition', `attachment; filename="${ctx.params.name}.xlsx"`);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.body = workbook;
  });

  return r;
};
