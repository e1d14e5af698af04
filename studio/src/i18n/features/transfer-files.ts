import { defineMessages } from './define.js';

export default defineMessages({
  en: { files: { title: 'files' } },
  'zh-CN': { files: { title: 'files' } },
});
