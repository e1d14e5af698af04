import { createRecord, getRecord, problem, runTransition, updateRecord, type AfterHook, type BeforeHook, type RecordContext } from '../../../../core/index.js';
import { money, withSystemRights } from '../records.js';
import { releaseAbandoned } from '../reservations.js';
import { providerOf } from './test-provider.js';

/** Takes an order to paid through the sales lifecycle (new → confirmed → paid). */
const payOrder = async (order: string, ctx: RecordContext): Promise<void> => {
  const current = await getRecord('sales_order', order, ctx, { fields: ['status'] });
  if (current.status === 'new') await runTransition({ entity: 'sales_order', id: order, transition: 'confirm' }, ctx);
  if (current.status === 'new' || current.status === 'confirmed') await runTransition({ entity: 'sales_order', id: order, transition: 'pay' }, ctx);
};

/** Money that arrives for an order already cancelled (its time ran out) is recorded and refunded whole: the stock is gone. */
const refundLate = async (id: string, ctx: RecordContext): Promise<void> => {
  const payment = await updateRecord('payment', id, { status: 'paid', paid_at: new Date().toISOString() }, ctx);
  const amount = money(payment.amount);
  const done = await providerOf(String(payment.provider)).refund({ providerRef: String(payment.provider_ref), amount, currency: String(payment.currency ?? '') });
  await createRecord('payment_refund', { payment: id, amount, provider_ref: done.refundRef, reason: 'The order was cancelled before the payment arrived' }, ctx);
  await updateRecord('payment', id, { status: 'refunded', refunded_amount: amount }, ctx);
};

/** Before a provider event is stored: an amount that is not the payment's is refused (409), nothing changes. */
export const checkEvent: BeforeHook = async (event, ctx) => {
  if (event.data.type !== 'payment.succeeded' || typeof event.data.payment !== 'string') return;
  const payment = await getRecord('payment', event.data.payment, withSystemRights(ctx), { fields: ['amount'] });
  if (money(event.data.amount) !== money(payment.amount)) throw problem('ESHOP_AMOUNT_MISMATCH', { sent: money(event.data.amount), amount: money(payment.amount) });
};

/**
 * A provider event applied to its payment, once (the event key is unique): succeeded marks
 * it paid and takes the order to paid; failed or cancelled closes the payment and cancels
 * the order, releasing its stock. A payment already settled is left as it is. Abandoned
 * orders are swept first, so a payment arriving after its time finds its order cancelled.
 */
export const applyEvent: AfterHook = async (event, ctx) => {
  const sys = withSystemRights(ctx);
  await releaseAbandoned(sys);
  const payment = await getRecord('payment', String(event.data.payment), sys, { fields: ['status', 'sales_order', 'sales_order.status'] });
  const type = event.data.type;
  if (type === 'payment.succeeded' && ['expired', 'cancelled', 'failed'].includes(String(payment.status))) return refundLate(String(payment.id), sys);
  if (payment.status !== 'pending') return;
  const orderStatus = (payment as Record<string, unknown>)['sales_order.status'];
  if (type === 'payment.succeeded') {
    await updateRecord('payment', String(payment.id), { status: 'paid', paid_at: new Date().toISOString() }, sys);
    if (orderStatus === 'new' || orderStatus === 'confirmed') await payOrder(String(payment.sales_order), sys);
    return;
  }
  await updateRecord('payment', String(payment.id), { status: type === 'payment.failed' ? 'failed' : 'cancelled' }, sys);
  if (orderStatus === 'new' || orderStatus === 'confirmed') await runTransition({ entity: 'sales_order', id: String(payment.sales_order), transition: 'cancel' }, sys);
};
