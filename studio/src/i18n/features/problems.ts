import { defineMessages } from './define.js';

export default defineMessages({
  en: { problems: { title: 'problems' } },
  'zh-CN': { problems: { title: 'problems' } },
});
