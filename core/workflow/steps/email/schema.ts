import { recipientsSchema } from '../recipients.js';

/**
 * `email`: a message to users (their addresses) and/or `addresses`. Either `template` (an
 * e-mail template document, in `locale`) or `subject` with `text` and/or `html`, all
 * mustache templates over the step's data (values escaped in HTML, the HTML sanitised).
 */
export const schema = {
  type: 'object',
  properties: {
    to: recipientsSchema,
    addresses: { type: 'array', items: { type: 'string', minLength: 3 }, maxItems: 50 },
    template: { type: 'string', minLength: 1, maxLength: 63 },
    locale: { enum: ['en', 'zh-CN'] },
    subject: { type: 'string', minLength: 1, maxLength: 300 },
    text: { type: 'string', maxLength: 100_000 },
    html: { type: 'string', maxLength: 200_000 },
    attach: {
      type: 'array',
      maxItems: 5,
      description: "text fields of the run's record sent as files (an iCalendar invitation); an empty field sends nothing",
      items: {
        type: 'object',
        properties: { field: { type: 'string', minLength: 1 }, filename: { type: 'string', minLength: 1, maxLength: 100 }, contentType: { type: 'string', minLength: 3, maxLength: 100 } },
        required: ['field', 'filename', 'contentType'],
        additionalProperties: false,
      },
    },
  },
  allOf: [{ anyOf: [{ required: ['subject'] }, { required: ['template'] }] }, { anyOf: [{ required: ['to'] }, { required: ['addresses'] }] }],
  additionalProperties: false,
};
