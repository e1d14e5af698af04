import Mustache from 'mustache';
import type { Locale } from '../metadata/types.js';
import type { MailParts } from './render.js';

const LINE: Record<Locale, string> = { en: 'Unsubscribe', 'zh-CN': '退订' };

/** Adds the unsubscribe link to the parts that do not already carry it. */
export const withUnsubscribe = (parts: MailParts, url: string, locale: Locale): MailParts => ({
  subject: parts.subject,
  ...(parts.text !== undefined && { text: parts.text.includes(url) ? parts.text : `${parts.text}\n\n${LINE[locale]}: ${url}\n` }),
  ...(parts.html !== undefined && {
    html: parts.html.includes(Mustache.escape(url)) || parts.html.includes(url) ? parts.html : `${parts.html}<p><a href="${Mustache.escape(url)}">${LINE[locale]}</a></p>`,
  }),
});
