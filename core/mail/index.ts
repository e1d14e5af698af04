/**
 * core/mail: e-mail out and in. Templates (metadata documents rendered with mustache),
 * the tenant's sending identity, stored messages linked to the records they concern,
 * bulk sends with signed one-click unsubscribe links and opt-outs, and the inbound SMTP
 * listener that parses, stores, threads and links received mail.
 */
export { renderParts, templateView, type MailParts } from './render.js';
export { sanitizeHtml } from './sanitize.js';
export { renderTemplateDoc, templateOf, MAIL_LOCALES } from './templates.js';
export { fromHeader, isAddress, readMailSettings, writeMailSettings, type MailSettings } from './settings.js';
export { storeMessage, type MailLink, type MailStatus, type NewMessage } from './messages.js';
export { recordEmails, type MailView } from './record-emails.js';
export { deliverMail, type Delivery, type OutgoingMail } from './deliver.js';
export { mailerOf, messageIdFor, type MailServer } from './transport.js';
export { queueBulkSnapshot, bulkProgress, MAX_BULK_RECIPIENTS, type BulkJob, type QueuedBulk } from './queue-bulk.js';
export { parseBulkInput, type BulkInput, type BulkMarks } from './bulk-input.js';
export { takeQueuedMessage, finishQueuedMessage, interruptedSends, hasQueued, type TakenMessage } from './bulk-message.js';
export { mergeFieldsOf, fieldAtPath } from './merge-fields.js';
export { checkUnsubscribe, confirmUnsubscribe, unsubscribePage, type Unsubscribed } from './unsubscribe.js';
export { recordOptOut, optedOut, isOptedOut } from './opt-outs.js';
export { storeInbound, receivedInLastHour, type InboundDelivery, type ReceivedMail } from './inbound/store-inbound.js';
export { startInboundSmtp, type InboundSmtpOptions, type Refusal } from './inbound/smtp-listener.js';
export { mailboxOf } from './inbound/recipient.js';
