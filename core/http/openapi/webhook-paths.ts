import { body, idParam, noContent, ok, op, pathParam, queryParam, SIGNED_IN, uuid, WRITES, type Paths, type Schema } from './shared.js';

const TAG = 'Webhooks';
const anyObject: Schema = { type: 'object', additionalProperties: true };
const subscription: Schema = { type: 'object', additionalProperties: true, description: 'A change webhook subscription: the URL, the entities and events it follows' };

/** /api/webhooks: change webhook subscriptions and their delivery log (tenant admins). */
export const webhookPaths = (): Paths => ({
  '/api/webhooks': {
    get: op('list_webhooks', TAG, 'The tenant\'s change webhook subscriptions (tenant admins)', { 200: ok('Subscriptions', anyObject) }, SIGNED_IN),
    post: op('create_webhook', TAG, 'Subscribe a URL to record changes (tenant admins; no private or loopback hosts unless allowed)', { 201: ok('Created', subscription) }, WRITES, body(subscription)),
  },
  '/api/webhooks/{id}': {
    parameters: [idParam],
    patch: op('update_webhook', TAG, 'Change a subscription', { 200: ok('Changed', subscription) }, WRITES, body(subscription)),
    delete: op('delete_webhook', TAG, 'Delete a subscription', { 204: noContent }, WRITES),
  },
  '/api/webhooks/{id}/deliveries': {
    parameters: [idParam],
    get: op('list_webhook_deliveries', TAG, 'A subscription\'s deliveries, newest first', { 200: ok('A page of deliveries', anyObject) }, SIGNED_IN, {
      parameters: [queryParam('status', { type: 'string' }), queryParam('limit', { type: 'integer', minimum: 1 }), queryParam('cursor', { type: 'string' })],
    }),
  },
  '/api/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: [idParam, pathParam('deliveryId', uuid)],
    post: op('redeliver_webhook', TAG, 'Send a delivery again', { 202: ok('Queued', anyObject) }, WRITES),
  },
});
