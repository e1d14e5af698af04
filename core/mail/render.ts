import Mustache from 'mustache';
import { sanitizeHtml } from './sanitize.js';

/** The three parts of a message. */
export interface MailParts {
  subject: string;
  text?: string;
  html?: string;
}

/**
 * A copy of template data that mustache can only read: plain values in objects and
 * arrays without prototypes, so `{{constructor}}` or `{{list.map}}` find nothing and a
 * template never reaches a function.
 */
export const templateView = (data: unknown): unknown => {
  if (Array.isArray(data)) return Object.setPrototypeOf(data.map(templateView), null);
  if (data === null || typeof data !== 'object') return typeof data === 'function' ? undefined : data;
  if (data instanceof Date) return data.toISOString();
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(data)) out[k] = templateView(v);
  return out;
};

const plain = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

const render = (template: string, view: unknown, escape: (v: unknown) => string): string =>
  Mustache.render(template, view, {}, { escape: escape as (v: string) => string });

/**
 * Renders a message's parts with mustache: values in the HTML escaped (and the result
 * sanitised, so admin-written markup cannot carry scripts), the text part as written,
 * the subject on one line.
 */
export const renderParts = (parts: MailParts, data: unknown): MailParts => {
  const view = templateView(data);
  const subject = render(parts.subject, view, plain).replace(/[\r\n]+/g, ' ').trim();
  return {
    subject,
    ...(parts.text !== undefined && { text: render(parts.text, view, plain) }),
    ...(parts.html !== undefined && { html: sanitizeHtml(render(parts.html, view, (v) => Mustache.escape(plain(v)))) }),
  };
};
