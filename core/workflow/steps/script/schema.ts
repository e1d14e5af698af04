/**
 * `script`: the body of an async function run in the sandbox with `input` (the step's
 * data: the record, `$old`, `$steps`, …) and `crm` (get, list, create, update records as
 * the workflow). Its return value is the step's output. Limits override the sandbox's defaults.
 */
export const schema = {
  type: 'object',
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 100_000 },
    limits: {
      type: 'object',
      properties: {
        cpuMs: { type: 'integer', minimum: 1, maximum: 60_000 },
        wallMs: { type: 'integer', minimum: 1, maximum: 120_000 },
        memoryMb: { type: 'integer', minimum: 8, maximum: 512 },
        hostCalls: { type: 'integer', minimum: 0, maximum: 10_000 },
      },
      additionalProperties: false,
    },
  },
  required: ['code'],
  additionalProperties: false,
};
