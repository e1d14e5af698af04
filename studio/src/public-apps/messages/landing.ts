/** The landing app's own words, in both languages. */
export default {
  en: { landing: {} },
  'zh-CN': { landing: {} },
};
