/** What a subscription may ask for: one event per record change, the most specific it wants. */
export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted', 'transitioned'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Where deliveries wait for the worker (pg-boss, fed from the tenant's outbox). */
export const WEBHOOK_QUEUE = 'crm-webhook-delivery';

/** pending: queued; retrying: failed, another attempt comes; delivered; dead: out of attempts; skipped: the owner may not read it (or the subscription is off). */
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead' | 'skipped';

/** A row of `_webhooks`. */
export interface WebhookRow {
  id: string;
  url: string;
  description: string | null;
  entities: string[];
  events: WebhookEvent[];
  secret: string;
  active: boolean;
  owner_id: string;
  created_at: string;
  updated_at: string;
}

/** What a change records for its subscriptions (before the owner's rights shape the record). */
export interface EventPayload {
  event: WebhookEvent;
  entity: string;
  recordId: string;
  version: number | null;
  changed: string[];
  occurredAt: string;
  record: Record<string, unknown>;
  transition?: { name: string; field?: string; from: unknown; to: unknown };
}

/** A row of `_webhook_deliveries`. */
export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  entity: string;
  record_id: string;
  payload: EventPayload;
  status: DeliveryStatus;
  attempts: number;
  response_code: number | null;
  duration_ms: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}
