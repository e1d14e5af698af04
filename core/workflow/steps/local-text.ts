import { textIn, type Locale, type LocalText } from '../../errors/locale.js';
import type { Lookup } from '../runner/lookup.js';
import { renderTemplate } from './render-template.js';

/**
 * A text a step writes for people: one `{{path}}` template for everyone, or one per language
 * (`{ "en": …, "zh-CN": … }`), each recipient then reading their own.
 */
export const localTextSchema = (maxLength: number, minLength = 1) => ({
  oneOf: [
    { type: 'string', minLength, maxLength },
    {
      type: 'object',
      properties: { en: { type: 'string', minLength, maxLength }, 'zh-CN': { type: 'string', minLength, maxLength } },
      required: ['en', 'zh-CN'],
      additionalProperties: false,
    },
  ],
});

export const isLocalised = (text: unknown): text is { en: string; 'zh-CN': string } => typeof text === 'object' && text !== null;

/** The users' languages, looked up (before the transaction) only when some text of the step comes in several. */
export const localesFor = async (texts: unknown[], lookup: Lookup): Promise<Record<string, Locale>> =>
  texts.some(isLocalised) ? lookup.locales() : {};

/** A user's language among those looked up (English when the user reads English or is unknown). */
export const localeOf = (user: string, locales: Record<string, Locale> | undefined): Locale => locales?.[user] ?? 'en';

/** The text in `locale`, its template filled with the run's data. */
export const renderIn = (text: LocalText, locale: Locale, data: Record<string, unknown>): string => renderTemplate(textIn(text, locale), data);

/** Recipients grouped by language, in their order (one notification text per language). */
export const byLocale = (users: string[], locales: Record<string, Locale> | undefined): Map<Locale, string[]> => {
  const groups = new Map<Locale, string[]>();
  for (const user of users) {
    const locale = localeOf(user, locales);
    groups.set(locale, [...(groups.get(locale) ?? []), user]);
  }
  return groups;
};
