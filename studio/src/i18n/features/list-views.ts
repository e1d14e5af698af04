import { defineMessages } from './define.js';

export default defineMessages({
  en: { listViews: { title: 'listViews' } },
  'zh-CN': { listViews: { title: 'listViews' } },
});
