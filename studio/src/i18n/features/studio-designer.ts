import { defineMessages } from './define.js';

export default defineMessages({
  en: { designer: { title: 'designer' } },
  'zh-CN': { designer: { title: 'designer' } },
});
