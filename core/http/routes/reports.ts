import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { listReports, runReport } from '../../reports/index.js';
import { allowQuery } from '../middleware/query-guard.js';
import { inTenant } from '../tenant-work.js';

/** GET /api/reports (the reports the user may run) and POST /api/reports/:name/run {filter?, drill?}. */
export const reportRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/reports' });

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

  return r;
};
