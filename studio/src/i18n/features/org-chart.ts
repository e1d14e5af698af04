import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    orgChart: {
      tab: 'Org chart',
      intro: 'Who reports to whom among this customer’s contacts, with each one’s role in the decision, attitude and rating.',
      empty: 'No contacts yet. Add contacts and set whom each reports to, and the org chart appears here.',
      more: 'Showing the first {n} contacts.',
    },
  },
  'zh-CN': {
    orgChart: {
      tab: '组织架构',
      intro: '该客户联系人之间的汇报关系，以及每人的决策角色、态度和评分。',
      empty: '暂无联系人。添加联系人并设置其直接上级后，这里会显示组织架构图。',
      more: '仅显示前 {n} 位联系人。',
    },
  },
});
