/** The store app's own words, in both languages. */
export default {
  en: { store: {} },
  'zh-CN': { store: {} },
};
