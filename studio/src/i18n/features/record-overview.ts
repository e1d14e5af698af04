import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    overview: {
      summary: 'At a glance',
      countTitle: '{entity}: {count}. Open the list',
      via: 'via {field}',
      countFailed: 'Could not be counted',
      timeline: 'Timeline',
      timelineEmpty: 'Nothing is linked to this record yet.',
      timelineFailed: 'The timeline could not be loaded',
      more: 'Show more',
      added: '{entity} added',
      addOne: 'Add {entity}',
    },
  },
  'zh-CN': {
    overview: {
      summary: '概览',
      countTitle: '{entity}：{count}。打开列表',
      via: '（{field}）',
      countFailed: '无法统计',
      timeline: '时间线',
      timelineEmpty: '还没有与此记录关联的内容。',
      timelineFailed: '时间线加载失败',
      more: '显示更多',
      added: '新增{entity}',
      addOne: '新建{entity}',
    },
  },
});
