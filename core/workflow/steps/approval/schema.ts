import { localTextSchema } from '../local-text.js';
import { recipientsSchema } from '../recipients.js';

const duration = {
  type: 'object',
  properties: { seconds: { type: 'number', minimum: 1 }, minutes: { type: 'number', minimum: 1 }, hours: { type: 'number', minimum: 1 }, days: { type: 'number', minimum: 1 } },
  additionalProperties: false,
  minProperties: 1,
};

/**
 * `approval`: approvers by user, role, team or a user field; `mode` `any` (the first
 * answer decides), `all` (everyone approves; one rejection rejects) or `k_of_n` (`k`
 * approvals approve; more than n − k rejections reject). The record is locked while it
 * waits. After `escalateAfter`, `escalateTo` users are asked too and one of them decides.
 * A rejection goes to `onReject` (a step id), else ends the run.
 */
export const schema = {
  type: 'object',
  properties: {
    approvers: recipientsSchema,
    mode: { enum: ['any', 'all', 'k_of_n'] },
    k: { type: 'integer', minimum: 1 },
    title: localTextSchema(200),
    escalateAfter: duration,
    escalateTo: recipientsSchema,
    onReject: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,64}$' },
  },
  required: ['approvers'],
  additionalProperties: false,
};
