import { defineMessages } from './define.js';

export default defineMessages({
  en: { studioEntities: { title: 'studioEntities' } },
  'zh-CN': { studioEntities: { title: 'studioEntities' } },
});
