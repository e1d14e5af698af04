import { defineMessages } from './define.js';

export default defineMessages({
  en: { overview: { title: 'overview' } },
  'zh-CN': { overview: { title: 'overview' } },
});
