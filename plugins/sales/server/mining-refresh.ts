import { forbidden, queuePluginJob, type AfterHook, type BeforeHook, type JobWork } from '../../../core/index.js';
import { analyse } from './mining.js';
import { scoreCustomers, storeOnCustomers, summarise } from './rfm.js';

/**
 * Company-wide mining runs (`tenant_wide`), made by the nightly `mining_refresh` workflow (or
 * an admin, or the demo seed): they read every sold order, so only an unrestricted actor may
 * make one. Making one only queues the `mine` job (the workflow step's transaction stays
 * short); the worker then mines in short transactions of its own: RFM writes each
 * customer's class and golden flag (the run keeps only the counts, as its readers may not
 * see every customer); associations keep the rules the cross-sell suggestions read.
 */
export const guardTenantWide: BeforeHook = (event, ctx) => {
  if (event.data.tenant_wide === true && !ctx.actor.isAdmin) throw forbidden('Only the schedule or an administrator may mine every order for the whole company');
};

/** A company-wide run made queued is handed to the worker, as its maker (the workflow: an unrestricted actor). */
export const queueTenantWide: AfterHook = async (event, ctx) => {
  if (event.data.tenant_wide !== true || event.data.status !== 'queued') return;
  await queuePluginJob(ctx, 'sales', 'mine', { run: String(event.data.id) });
};

/** A company-wide run's work: RFM onto the customers (counts kept), or the analysis itself. */
export const mineTenantWide = async (kind: unknown, work: JobWork, id: string, params: Record<string, number>): Promise<{ rows: number; result: Record<string, unknown> }> => {
  if (kind !== 'rfm') return analyse(kind, work, id, params);
  const scored = await scoreCustomers(work.run);
  const written = await storeOnCustomers(work.run, scored.customers);
  return { rows: scored.rows, result: { asOf: scored.asOf, ...summarise(scored.customers), written } };
};
