import { isAppError, problem, type PluginRouteDef } from '../../../../core/index.js';
import { findOne } from '../records.js';
import { storeSettings } from '../settings.js';
import { providerOf } from './test-provider.js';

/**
 * POST /payments/:provider/webhook (also at the fixed /api/public/<tenant>/payments/<provider>/webhook):
 * a provider's signed event. The signature (HMAC over timestamp and body) and the replay
 * window are checked first (401); each provider event id is applied once — a repeat is
 * answered 200 `duplicate` and changes nothing. The event becomes a payment_event record,
 * whose hook moves the payment and its order.
 */
export const webhookRoute: PluginRouteDef = {
  method: 'POST',
  path: '/payments/:provider/webhook',
  public: true,
  publicRoles: ['eshop_storefront'],
  async handler(req, ctx) {
    const provider = providerOf(req.params.provider);
    const settings = await storeSettings(ctx.records);
    const event = provider.verifyWebhook({ headers: req.headers, rawBody: req.rawBody ?? '', secret: settings.webhookSecret, now: new Date() });
    const eventKey = `${provider.name}:${event.id}`;
    if (await findOne(ctx.records, 'payment_event', { '==': [{ var: 'event_key' }, eventKey] }, ['id'])) return { received: true, duplicate: true };
    const payment = await findOne(ctx.records, 'payment', { and: [{ '==': [{ var: 'provider' }, provider.name] }, { '==': [{ var: 'provider_ref' }, event.providerRef] }] }, ['id']);
    if (!payment) throw problem('ESHOP_PAYMENT_NOT_FOUND');
    try {
      await ctx.records.create('payment_event', { event_key: eventKey, provider: provider.name, payment: payment.id, type: event.type, amount: event.amount });
    } catch (e) {
      if (isAppError(e) && e.code === 'UNIQUE_VIOLATION') return { received: true, duplicate: true };
      throw e;
    }
    return { received: true, duplicate: false };
  },
};
