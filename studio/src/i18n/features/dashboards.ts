import { defineMessages } from './define.js';

export default defineMessages({
  en: { dashboards: { title: 'dashboards' } },
  'zh-CN': { dashboards: { title: 'dashboards' } },
});
