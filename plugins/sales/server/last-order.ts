import { getRecord, updateRecord, type AfterHook } from '../../../core/index.js';
import { SOLD_STATES, withSystemRights } from './shared.js';

const sold = (status: unknown) => (SOLD_STATES as readonly string[]).includes(String(status));

/**
 * A customer's last order date, kept from its orders (the churn watch counts from it): an
 * order becoming sold moves it forward; a customer flagged "at risk" who orders again is
 * active again. Written with system rights, as the seller need not edit the customer.
 */
export const keepLastOrderDate: AfterHook = async (event, ctx) => {
  if (!sold(event.data.status) || sold(event.old?.status) || !event.data.customer || !event.data.order_date) return;
  const sys = withSystemRights(ctx);
  const customer = await getRecord('customer', String(event.data.customer), sys, { fields: ['last_order_date', 'status'] });
  const date = String(event.data.order_date).slice(0, 10);
  const patch: Record<string, unknown> = {};
  if (!customer.last_order_date || String(customer.last_order_date).slice(0, 10) < date) patch.last_order_date = date;
  if (customer.status === 'at_risk') patch.status = 'active';
  if (Object.keys(patch).length) await updateRecord('customer', String(event.data.customer), patch, sys);
};
