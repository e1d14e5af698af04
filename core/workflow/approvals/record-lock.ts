import { problem } from '../../errors.js';
import type { RecordContext } from '../../records/index.js';
import { entityHasStep } from '../definitions.js';

/**
 * A record with a pending approval may not change (409 RECORD_LOCKED). Costs a query
 * only for entities whose workflows have an approval step.
 */
export const assertNotLocked = async (entity: string, id: string, ctx: RecordContext): Promise<void> => {
  if (!entityHasStep(ctx.meta, entity, 'approval')) return;
  const pending = await ctx.db('_wf_approvals').where({ entity, record_id: id, status: 'pending' }).first('id');
  if (pending) throw problem('RECORD_LOCKED', { entity }, { approvalId: pending.id });
};
