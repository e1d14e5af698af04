import { body, ifMatch, ok, op, queryParam, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const settings = (stored: boolean): Schema => ({
  type: 'object',
  ...(stored && { required: ['timeZone', 'currency', 'locale', 'weekStart', 'fiscalYearStart', 'businessCalendar', 'version'] }),
  ...(!stored && { additionalProperties: false }),
  properties: {
    timeZone: { type: 'string', description: 'IANA zone, e.g. Asia/Shanghai' },
    currency: { type: 'string', description: 'ISO 4217 code' },
    locale: { type: 'string', enum: ['en', 'zh-CN'] },
    weekStart: { type: 'string' },
    fiscalYearStart: { type: 'integer', minimum: 1, maximum: 12, description: 'The month the fiscal year starts' },
    businessCalendar: { type: 'object', additionalProperties: true },
    ...(stored && { version: { type: 'integer', description: '0: never saved (the defaults); send as If-Match' } }),
  },
});

/** Tenant settings and the live event stream. */
export const livePaths = (): Paths => ({
  '/api/settings': {
    get: op('settings', 'Settings', 'The tenant\'s settings (ETag: the version)', { 200: ok('The settings', settings(true)) }, SIGNED_IN),
    put: op('put_settings', 'Settings', 'Change the tenant\'s settings (tenant admins)', { 200: ok('Saved', settings(true)) }, WRITES, {
      parameters: [ifMatch(false, 'The version you edited; a stale one is 409')],
      ...body(settings(false)),
    }),
  },
  '/api/events': {
    get: op('events', 'Events', 'Live events for the signed-in user (Server-Sent Events)', {
      200: { description: 'An event stream: each event has an id (send as Last-Event-ID to resume), a topic as its event name and JSON data', content: { 'text/event-stream': { schema: { type: 'string' } } } },
    }, SIGNED_IN, {
      parameters: [
        queryParam('watch', { type: 'string' }, 'Records (entity:id) and entities whose changes the stream carries, comma-separated'),
        queryParam('lastEventId', { type: 'string', pattern: '^\\d{1,15}$' }, 'Resume after this event (or the Last-Event-ID header)'),
        { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
      ],
    }),
  },
});
