/** The portal app's own words, in both languages. */
export default {
  en: { portal: {} },
  'zh-CN': { portal: {} },
};
