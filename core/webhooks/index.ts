/**
 * Change webhooks: tenant admins subscribe URLs to record events (created, updated, deleted,
 * transitioned) of chosen entities. A change records its deliveries in its own transaction
 * and enqueues them through the workflow outbox; the worker signs and sends them through the
 * outbound address guard, retrying with backoff. See docs/webhooks.md.
 */
export { webhookHooks, withChangeWebhooks } from './change-events.js';
export { webhookQueue, deliverWebhook, type WebhookQueueSettings } from './deliver.js';
export { listDeliveries, redeliver } from './deliveries.js';
export { createWebhook, deleteWebhook, listWebhooks, updateWebhook } from './manage-webhooks.js';
export { signatureHeaders } from './sign.js';
export { WEBHOOK_EVENTS, WEBHOOK_QUEUE, type WebhookEvent, type DeliveryStatus } from './types.js';
