/**
 * `update_related`: change records linked to the run's record, either the records of
 * `entity` whose reference `field` points at it (children), or the record its own
 * reference `reference` points at (the parent). `filter` narrows the children.
 */
export const schema = {
  type: 'object',
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    field: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    reference: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    filter: {},
    fields: { type: 'object', minProperties: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 5000 },
  },
  required: ['fields'],
  oneOf: [{ required: ['entity', 'field'] }, { required: ['reference'] }],
  additionalProperties: false,
};
