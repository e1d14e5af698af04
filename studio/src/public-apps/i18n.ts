import { createI18n, type I18n } from 'vue-i18n';
import { LOCALES, type AppLocale } from '../i18n/index.js';

const STORAGE_KEY = 'crm.locale';
type Dictionary = Record<string, unknown>;

/** The visitor's remembered language (shared with the staff app), else the browser's. */
const initialLocale = (): AppLocale => {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (LOCALES.includes(v as AppLocale)) return v as AppLocale;
  } catch {
    /* private mode */
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};

/**
 * A small i18n for one public app (store, portal, landing page): only its own words and
 * the shared `publicApp` ones, so the staff app's dictionaries stay out of its bundle.
 */
export const createPublicI18n = (own: { en: Dictionary; 'zh-CN': Dictionary }): I18n<{}, {}, {}, string, false> => {
  const i18n = createI18n({
    legacy: false,
    locale: initialLocale(),
    fallbackLocale: 'en',
    messages: { en: { ...shared.en, ...own.en }, 'zh-CN': { ...shared['zh-CN'], ...own['zh-CN'] } },
  });
  if (globalThis.document) document.documentElement.lang = i18n.global.locale.value;
  return i18n as unknown as I18n<{}, {}, {}, string, false>;
};

/** Switches a public app's language and remembers it for the staff app too. */
export const setPublicLocale = (i18n: I18n<{}, {}, {}, string, false>, locale: AppLocale): void => {
  (i18n.global.locale as unknown as { value: string }).value = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode */
  }
  if (globalThis.document) document.documentElement.lang = locale;
};

const shared = {
  en: { publicApp: { notFound: 'This page does not exist.', language: 'Language' } },
  'zh-CN': { publicApp: { notFound: '页面不存在。', language: '语言' } },
};
