import { randomBytes } from 'node:crypto';
import { problem } from '../../../../core/index.js';
import type { PaymentProvider, ProviderEvent } from './provider.js';
import { SIGNATURE_HEADER, verifySignature } from './signature.js';

const TYPES: ProviderEvent['type'][] = ['payment.succeeded', 'payment.failed', 'payment.cancelled'];

/**
 * The local test provider: its hosted page is a public route of this plugin
 * (/test-pay/:ref, with pay / fail / cancel buttons), and it sends its events as signed
 * webhooks to /api/public/<tenant>/payments/test/webhook like any real provider.
 */
export const testProvider: PaymentProvider = {
  name: 'test',
  async createPayment(input) {
    const providerRef = `tp_${randomBytes(12).toString('hex')}`;
    return { providerRef, redirectUrl: `/api/public/${input.tenant}/x/eshop/test-pay/${providerRef}` };
  },
  verifyWebhook({ headers, rawBody, secret, now }) {
    verifySignature(headers[SIGNATURE_HEADER], rawBody, secret, now);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      throw problem('ESHOP_WEBHOOK_INVALID', { reason: 'not JSON' });
    }
    const type = body.type as ProviderEvent['type'];
    if (typeof body.id !== 'string' || !body.id || body.id.length > 100) throw problem('ESHOP_WEBHOOK_INVALID', { reason: 'no event id' });
    if (!TYPES.includes(type)) throw problem('ESHOP_WEBHOOK_INVALID', { reason: `unknown type ${String(body.type).slice(0, 40)}` });
    if (typeof body.payment !== 'string' || !Number.isFinite(Number(body.amount))) throw problem('ESHOP_WEBHOOK_INVALID', { reason: 'no payment or amount' });
    return { id: body.id, type, providerRef: body.payment, amount: Number(body.amount) };
  },
  async refund() {
    return { refundRef: `tr_${randomBytes(10).toString('hex')}`, status: 'succeeded' };
  },
  async queryStatus({ known }) {
    return known;
  },
};

/** Providers by name. A real provider is one more entry. */
export const PROVIDERS: Record<string, PaymentProvider> = { test: testProvider };

export const providerOf = (name: string): PaymentProvider => {
  const p = Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
  if (!p) throw problem('ESHOP_UNKNOWN_PROVIDER', { provider: name.slice(0, 40) });
  return p;
};
