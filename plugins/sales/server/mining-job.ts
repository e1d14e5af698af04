import { getRecord, updateRecord, type JobDef, type JobWork } from '../../../core/index.js';
import { analyse } from './mining.js';
import { mineTenantWide } from './mining-refresh.js';

/**
 * Carries out one mining run as `work`'s actor, each read and write its own short
 * transaction: marks it running, mines (progress written as rows stream), and stores the
 * result or the failure. A run already done is left alone; a run found running (the worker
 * stopped half-way and the job came again) starts over from the first row.
 */
export const carryOutRun = async (work: JobWork, id: string): Promise<void> => {
  const run = await work.run((ctx) => getRecord('mining_run', id, ctx));
  if (run.status === 'done') return;
  await work.run((ctx) => updateRecord('mining_run', id, { status: 'running', progress: 0, error: null }, ctx));
  const params = (run.params ?? {}) as Record<string, number>;
  try {
    const out = run.tenant_wide === true ? await mineTenantWide(run.kind, work, id, params) : await analyse(run.kind, work, id, params);
    await work.run((ctx) => updateRecord('mining_run', id, { status: 'done', progress: out.rows, result: out.result, finished_at: new Date().toISOString() }, ctx));
  } catch (e) {
    await work.run((ctx) => updateRecord('mining_run', id, { status: 'failed', error: String((e as Error)?.message ?? e).slice(0, 1000), finished_at: new Date().toISOString() }, ctx));
  }
};

/** The job: a person's run (as them, their row scope) or a company-wide one (as the workflow that made it). */
export const mineJob: JobDef = {
  name: 'mine',
  run: (data, work) => carryOutRun(work, String(data.run)),
};
