import { createI18n } from 'vue-i18n';
import { messages } from './messages.js';

export type AppLocale = 'en' | 'zh-CN';
export const LOCALES: AppLocale[] = ['en', 'zh-CN'];
const STORAGE_KEY = 'crm.locale';

const stored = (): AppLocale | undefined => {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LOCALES.includes(v as AppLocale) ? (v as AppLocale) : undefined;
  } catch {
    return undefined;
  }
};

/** The remembered choice, else the browser's language. */
export const initialLocale = (): AppLocale =>
  stored() ?? (globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages,
});

/** Switches the UI language and remembers it in localStorage. */
export const setLocale = (locale: AppLocale): void => {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (globalThis.document) document.documentElement.lang = locale;
};

export const currentLocale = (): AppLocale => i18n.global.locale.value as AppLocale;
