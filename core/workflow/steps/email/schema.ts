import { recipientsSchema } from '../recipients.js';

/** `email`: a message to users (their addresses) and/or `addresses`; subject, text and html are `{{path}}` templates. */
export const schema = {
  type: 'object',
  properties: {
    to: recipientsSchema,
    addresses: { type: 'array', items: { type: 'string', minLength: 3 }, maxItems: 50 },
    subject: { type: 'string', minLength: 1, maxLength: 300 },
    text: { type: 'string', maxLength: 100_000 },
    html: { type: 'string', maxLength: 200_000 },
  },
  required: ['subject'],
  anyOf: [{ required: ['to'] }, { required: ['addresses'] }],
  additionalProperties: false,
};
