import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    live: {
      changedBy: 'Changed by {name} while you were editing — reload to see their changes (yours here will be lost), or save to try yours.',
      reload: 'Reload',
    },
  },
  'zh-CN': {
    live: {
      changedBy: '您编辑期间，{name} 修改了此记录 — 重新加载以查看其修改（此处您的修改将丢失），或保存以尝试提交您的修改。',
      reload: '重新加载',
    },
  },
});
