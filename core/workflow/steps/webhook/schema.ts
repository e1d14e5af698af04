/**
 * `webhook`: an HTTP request to `url` (a `{{path}}` template), signed with the tenant's
 * outbound secret (X-Signature: sha256=<HMAC of the body>) and carrying the run's
 * idempotency key. `body` values are json-logic; without it the record is sent.
 */
export const schema = {
  type: 'object',
  properties: {
    url: { type: 'string', minLength: 8, maxLength: 2000 },
    method: { enum: ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] },
    headers: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 } },
    body: { type: 'object' },
    timeoutSeconds: { type: 'integer', minimum: 1, maximum: 60 },
  },
  required: ['url'],
  additionalProperties: false,
};
