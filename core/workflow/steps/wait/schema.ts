/** `wait`: a durable timer, for a duration or until a date (json-logic, e.g. `{"var":"follow_up_on"}`). */
export const schema = {
  type: 'object',
  properties: {
    seconds: { type: 'number', minimum: 0 },
    minutes: { type: 'number', minimum: 0 },
    hours: { type: 'number', minimum: 0 },
    days: { type: 'number', minimum: 0 },
    until: {},
  },
  anyOf: [{ required: ['seconds'] }, { required: ['minutes'] }, { required: ['hours'] }, { required: ['days'] }, { required: ['until'] }],
  additionalProperties: false,
};
