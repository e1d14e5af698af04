/** A payment as a provider is asked to take it. */
export interface PaymentRequest {
  /** Our payment record's id and number, the order's code. */
  paymentId: string;
  number: string;
  orderCode: string;
  amount: number;
  currency: string;
  tenant: string;
}

/** What a provider's webhook told us, once its signature and time are checked. */
export interface ProviderEvent {
  /** The provider's own event id: each is applied once. */
  id: string;
  type: 'payment.succeeded' | 'payment.failed' | 'payment.cancelled';
  /** The provider's reference of the payment (what createPayment returned). */
  providerRef: string;
  amount: number;
}

export interface WebhookInput {
  headers: Record<string, string | undefined>;
  rawBody: string;
  secret: string;
  now: Date;
}

/**
 * A payment provider: takes a payment for an order (a page to send the buyer to), proves
 * its webhooks, refunds, and tells a payment's status. Nothing is paid until its signed
 * webhook says so; the buyer's return from its page proves nothing.
 */
export interface PaymentProvider {
  name: string;
  createPayment(input: PaymentRequest): Promise<{ providerRef: string; redirectUrl: string }>;
  /** The event of a webhook, or a 401 (bad signature, outside the replay window) / 400 (not understood). */
  verifyWebhook(input: WebhookInput): ProviderEvent;
  refund(input: { providerRef: string; amount: number; currency: string }): Promise<{ refundRef: string; status: 'succeeded' | 'failed' }>;
  queryStatus(input: { providerRef: string; known: string }): Promise<string>;
}
