import { recipientsSchema } from '../recipients.js';

/**
 * `assign`: set the record's owner (or another user field) to one of the candidates:
 * `round_robin` (in turn), `least_loaded` (fewest live records of this entity owned),
 * or the first matching `rules` entry (`when` json-logic → `user`), falling back to the strategy.
 */
export const schema = {
  type: 'object',
  properties: {
    strategy: { enum: ['round_robin', 'least_loaded', 'rule'] },
    candidates: recipientsSchema,
    field: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'default owner_id' },
    rules: { type: 'array', items: { type: 'object', properties: { when: {}, user: { type: 'string' } }, required: ['when', 'user'], additionalProperties: false } },
  },
  required: ['strategy'],
  additionalProperties: false,
};
