import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { getRun } from './list-runs.js';
import { wakeRun } from './outbox.js';

/**
 * Starts a failed run again from where it stopped: finished steps stay finished (the
 * journal), the failed step runs anew. 409 unless the run failed.
 */
export const retryRun = async (id: string, ctx: { db: Knex.Transaction }, tenantId: string) => {
  const run = await getRun(id, ctx);
  const changed = await ctx.db('_wf_runs').where({ id: run.id, status: 'failed' }).update({ status: 'pending', error: null, lease_until: null, finished_at: null, updated_at: ctx.db.fn.now() });
  if (!changed) throw problem('NOT_FAILED', { status: run.status });
  await wakeRun(ctx.db, tenantId, run.id);
  return getRun(id, ctx);
};
