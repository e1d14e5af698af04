import { body, ok, op, pathParam, PUBLIC, queryParam, SIGNED_IN, WRITES, type Paths } from './shared.js';

const TAG = 'Mail';
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' as const } } } });
const token = { ...queryParam('token', { type: 'string' }, 'The token of the message\'s unsubscribe link'), required: true };

/** E-mail: the tenant's sending identity and bulk sends (tenant admins), and the unsubscribe page of bulk messages. */
export const mailPaths = (): Paths => ({
  '/api/mail/settings': {
    get: op('mail_settings', TAG, 'The tenant\'s sending identity (tenant admins)', { 200: ok('The settings', { type: 'object', additionalProperties: true }) }, SIGNED_IN),
    put: op('put_mail_settings', TAG, 'Change the tenant\'s sending identity (tenant admins)', { 200: ok('The settings', { type: 'object', additionalProperties: true }) }, WRITES,
      body({ type: 'object', additionalProperties: true })),
  },
  '/api/mail/bulk': {
    post: op('send_bulk_mail', TAG, 'Send a message to the records a filter finds (tenant admins; 503 when no mail server is set)', { 200: ok('What was sent', { type: 'object', additionalProperties: true }) }, WRITES,
      body({ type: 'object', additionalProperties: true })),
  },
  '/api/public/{tenant}/mail/unsubscribe': {
    parameters: [pathParam('tenant', { type: 'string' }, 'The tenant slug')],
    get: op('unsubscribe_page', TAG, 'The confirm page of an unsubscribe link (changes nothing)', { 200: html('The page'), 400: html('Not a valid link') }, [404, 429], { ...PUBLIC, parameters: [token] }),
    post: op('unsubscribe', TAG, 'Unsubscribe (the page\'s button, or a mail client\'s one-click, RFC 8058)', { 200: html('Done'), 400: html('Not a valid link') }, [404, 429], { ...PUBLIC, parameters: [token] }),
  },
});
