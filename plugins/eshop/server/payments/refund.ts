import { invalidInput, problem, type RecordActionDef } from '../../../../core/index.js';
import { money, recordsOf, withSystemRights } from '../records.js';
import { providerOf } from './test-provider.js';

/**
 * `payment.refund` (right `payment.refund`): refunds part or all of a paid payment through
 * its provider and records it. The payment row is locked first, so two refunds at once
 * cannot together exceed what was paid; more than is left is 409 ESHOP_REFUND_EXCEEDS.
 */
export const refundAction: RecordActionDef = {
  label: { en: 'Refund', 'zh-CN': '退款' },
  input: {
    amount: { type: 'decimal', label: { en: 'Amount', 'zh-CN': '金额' }, required: true },
    reason: { type: 'text', label: { en: 'Reason', 'zh-CN': '原因' } },
  },
  async run({ id, params }, ctx) {
    const amount = Number(params.amount);
    if (!Number.isFinite(amount) || amount <= 0 || money(amount) !== amount) throw problem('ESHOP_REFUND_AMOUNT', {}, { errors: [{ field: 'amount', message: 'must be more than zero, at most two decimals' }] });
    if (params.reason !== undefined && typeof params.reason !== 'string') throw invalidInput('The reason must be text', [{ field: 'reason', message: 'must be text' }]);
    await ctx.db.raw('select id from payment where id = ? for update', [id]);
    const records = recordsOf(withSystemRights(ctx));
    const payment = await records.get('payment', id);
    if (payment.status !== 'paid' && payment.status !== 'partially_refunded') throw problem('ESHOP_REFUND_NOT_PAID', { status: String(payment.status) });
    const left = money(Number(payment.amount) - Number(payment.refunded_amount ?? 0));
    if (amount > left) throw problem('ESHOP_REFUND_EXCEEDS', { amount, left }, { errors: [{ field: 'amount', message: `at most ${left}` }] });
    const done = await providerOf(String(payment.provider)).refund({ providerRef: String(payment.provider_ref), amount, currency: String(payment.currency ?? '') });
    if (done.status !== 'succeeded') throw problem('ESHOP_REFUND_NOT_PAID', { status: 'refused by the provider' });
    const refund = await records.create('payment_refund', { payment: id, amount, provider_ref: done.refundRef, reason: (params.reason as string | undefined)?.slice(0, 200) });
    const refunded = money(Number(payment.refunded_amount ?? 0) + amount);
    const updated = await records.update('payment', id, { refunded_amount: refunded, status: refunded >= Number(payment.amount) ? 'refunded' : 'partially_refunded' });
    return { refund: { id: refund.id, amount, providerRef: done.refundRef }, payment: { id, status: updated.status, amount: money(updated.amount), refunded } };
  },
};
