/**
 * The languages people read the engine in, and a text given in each. Browser-safe: no imports.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text for people: one string (the same for everyone) or one per language. */
export type LocalText = string | { readonly en: string; readonly 'zh-CN': string };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The text in `locale`: a plain string as it is; a pair by language (English when that language's is empty). */
export const textIn = (text: LocalText, locale: Locale): string => (typeof text === 'string' ? text : text[locale] || text.en);
