import { defineMessages } from './define.js';

export default defineMessages({
  en: { workflowBuilder: { title: 'workflowBuilder' } },
  'zh-CN': { workflowBuilder: { title: 'workflowBuilder' } },
});
