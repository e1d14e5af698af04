/** `create`: a new record of any entity; values are json-logic over the step's data. */
export const schema = {
  type: 'object',
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    fields: { type: 'object' },
  },
  required: ['entity', 'fields'],
  additionalProperties: false,
};
