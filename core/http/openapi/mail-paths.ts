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
    post: op('send_bulk_mail', TAG, 'Queue a message to the records a filter finds, sent by the worker (tenant admins; 422 for a merge field the entity lacks; 409 BULK_MAIL_CONFIRM above the tenant\'s limit without `confirm`; 503 when no mail server is set)', { 202: ok('Queued: the bulk\'s id, the records matched and how many will receive it', { type: 'object', additionalProperties: true }) }, WRITES,
      body({ type: 'object', additionalProperties: true })),
  },
  '/api/mail/bulk/{id}': {
    parameters: [pathParam('id', { type: 'string' }, 'The bulk\'s id')],
    get: op('bulk_mail_progress', TAG, 'A bulk mail\'s progress: its messages by status (tenant admins)', { 200: ok('Queued, sending, sent, skipped and failed counts', { type: 'object', additionalProperties: true }) }, SIGNED_IN),
  },
  '/api/public/{tenant}/mail/unsubscribe': {
    parameters: [pathParam('tenant', { type: 'string' }, 'The tenant slug')],
    get: op('unsubscribe_page', TAG, 'The confirm page of an unsubscribe link (changes nothing)', { 200: html('The page'), 400: html('Not a valid link') }, [404, 429], { ...PUBLIC, parameters: [token] }),
    post: op('unsubscribe', TAG, 'Unsubscribe (the page\'s button, or a mail client\'s one-click, RFC 8058)', { 200: html('Done'), 400: html('Not a valid link') }, [404, 429], { ...PUBLIC, parameters: [token] }),
  },
});
