import { updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';
import type { Counts, Random } from './demo-kit.js';

const REASONS = ['price', 'competitor', 'competitor', 'quality', 'service', 'no_need', 'financial', 'other'];

/** Gives each demo churn record a reason from the `churn_reason` dictionary, so "churn by reason" has something to show. */
export const seedChurnReasons = async (ctx: RecordContext, r: Random, counts: Counts): Promise<void> => {
  const losses: RecordData[] = await ctx.db('customer_loss').whereNull('deleted_at').whereNull('reason_category').orderBy('id').select('id');
  for (const loss of losses) {
    await updateRecord('customer_loss', String(loss.id), { reason_category: r.pick(REASONS) }, ctx);
    counts.churn_reason = (counts.churn_reason ?? 0) + 1;
  }
};
