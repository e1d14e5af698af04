import survey from './survey.js';

/** The landing app's own words (campaign landing pages, and survey links' pages), in both languages. */
export default {
  en: {
    landing: { loading: 'Loading…', failed: 'Sending did not work. Please try again.', required: 'is required' },
    ...survey.en,
  },
  'zh-CN': {
    landing: { loading: '正在加载…', failed: '提交未成功，请重试。', required: '为必填项' },
    ...survey['zh-CN'],
  },
};
