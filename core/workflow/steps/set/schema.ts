/** `set`: change fields of the run's record. Values are json-logic over the step's data. */
export const schema = {
  type: 'object',
  properties: {
    fields: { type: 'object', minProperties: 1, description: 'field → value (json-logic; a plain value stands for itself)' },
  },
  required: ['fields'],
  additionalProperties: false,
};
