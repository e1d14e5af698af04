const target = { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'a step id; null ends the run' };

/**
 * `branch`: `if` (json-logic) goes to `then` or `else`; or the first of `cases` whose
 * `when` holds, else `default`. A missing target goes on with the following step.
 */
export const schema = {
  type: 'object',
  properties: {
    if: {},
    then: target,
    else: target,
    cases: { type: 'array', items: { type: 'object', properties: { when: {}, next: target }, required: ['when', 'next'], additionalProperties: false } },
    default: target,
  },
  oneOf: [{ required: ['if'] }, { required: ['cases'] }],
  additionalProperties: false,
};
