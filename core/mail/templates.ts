import { notFound } from '../errors.js';
import type { EffectiveMeta, EmailTemplateDocument, Locale } from '../metadata/types.js';
import { renderParts, type MailParts } from './render.js';

export const MAIL_LOCALES: Locale[] = ['en', 'zh-CN'];

/** The tenant's e-mail template of that name (system, plugin or tenant layer), or 404. */
export const templateOf = (meta: EffectiveMeta, name: string): EmailTemplateDocument => {
  const doc = Object.prototype.hasOwnProperty.call(meta.documents.email_template ?? {}, name) ? meta.documents.email_template[name] : undefined;
  if (!doc) throw notFound(`No such e-mail template: ${name}`);
  return doc as unknown as EmailTemplateDocument;
};

/** A template's parts in one language, rendered with the data. */
export const renderTemplateDoc = (doc: EmailTemplateDocument, locale: Locale, data: unknown): MailParts =>
  renderParts({ subject: doc.subject[locale], text: doc.text?.[locale], html: doc.html?.[locale] }, data);
