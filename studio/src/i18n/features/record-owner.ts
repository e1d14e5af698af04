import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    recordOwner: {
      change: 'Change owner',
      title: 'Change owner',
      intro: 'Hand {n} record(s) on to:',
      newOwner: 'New owner',
      pick: 'Pick a user',
      confirm: 'Change owner',
      cancel: 'Cancel',
      done: '{n} record(s) now belong to {name}.',
      failed: '{n} record(s) could not be changed: {reason}',
    },
    recordSteps: {
      confirmTransition: '“{name}” cannot be undone. Go ahead?',
      asksFor: '“{name}” needs the following; they are saved with it.',
      irreversible: 'This step cannot be undone.',
    },
  },
  'zh-CN': {
    recordOwner: {
      change: '转移',
      title: '转移负责人',
      intro: '将 {n} 条记录转移给：',
      newOwner: '新负责人',
      pick: '选择用户',
      confirm: '转移',
      cancel: '取消',
      done: '已将 {n} 条记录转移给 {name}。',
      failed: '{n} 条记录未能转移：{reason}',
    },
    recordSteps: {
      confirmTransition: '“{name}”无法撤销，确定继续吗？',
      asksFor: '执行“{name}”需要填写以下内容，将与其一并保存。',
      irreversible: '此操作无法撤销。',
    },
  },
});
