import { runTransition, type AfterHook } from '../../../../core/index.js';
import { changedFields, withSystemRights } from '../shared.js';

/**
 * When the discount approval workflow records the decision, the quote moves on: approved to
 * `approved` (ready to send), rejected back to `draft` for the rep to change the discounts.
 */
export const afterDiscountDecision: AfterHook = async (event, ctx) => {
  const { data, old } = event;
  if (data.status !== 'pending_approval' || !changedFields(data, old, ['discount_approval']).length) return;
  const transition = data.discount_approval === 'approved' ? 'discount_approved' : data.discount_approval === 'rejected' ? 'discount_rejected' : undefined;
  if (transition) await runTransition({ entity: 'quote', id: String(data.id), transition }, withSystemRights(ctx));
};
