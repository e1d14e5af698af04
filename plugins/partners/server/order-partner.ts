import { getRecord, withSystemRights, type BeforeHook } from '../../../core/index.js';

const present = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * An order made from a partner's opportunity belongs to that partner unless it says
 * otherwise (the opportunity is read for this default only; the writer's scope still
 * guards the order itself).
 */
export const orderPartnerFromOpportunity: BeforeHook = async (event, ctx) => {
  const data = event.data;
  if (present(data.partner) || !present(data.opportunity)) return;
  if (event.old && (data.opportunity === event.old.opportunity || present(event.old.partner))) return;
  const opportunity = await getRecord('opportunity', data.opportunity, withSystemRights(ctx)).catch(() => undefined);
  if (present(opportunity?.partner)) data.partner = opportunity.partner;
};
