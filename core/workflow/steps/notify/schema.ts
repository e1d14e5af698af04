import { recipientsSchema } from '../recipients.js';

/** `notify`: an in-app notification (the bell) to users; title and body are `{{path}}` templates. */
export const schema = {
  type: 'object',
  properties: {
    to: recipientsSchema,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', maxLength: 2000 },
  },
  required: ['to', 'title'],
  additionalProperties: false,
};
