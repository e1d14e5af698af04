import { localTextSchema } from '../local-text.js';
import { recipientsSchema } from '../recipients.js';

/** `notify`: an in-app notification (the bell) to users; title and body are `{{path}}` templates, one for everyone or one per language. */
export const schema = {
  type: 'object',
  properties: {
    to: recipientsSchema,
    title: localTextSchema(200),
    body: localTextSchema(2000, 0),
  },
  required: ['to', 'title'],
  additionalProperties: false,
};
