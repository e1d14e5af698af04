import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    myDay: {
      title: 'My day',
      today: 'Today, {date}',
      open: 'Open list',
      more: '{n} in all',
      total: 'Total',
      count: '{n} record(s)',
      approval: '{workflow} on {entity}',
      loadFailed: 'The home page could not be loaded.',
      nothing: 'Nothing here yet.',
      browse: 'Everything',
      recent: 'Recently viewed',
      recentNone: 'The records you open appear here.',
    },
    globalSearch: {
      placeholder: 'Search everything…',
      label: 'Search everything',
      none: 'Nothing matches “{q}”.',
      more: 'More in {entity}…',
      hint: '↑↓ to move, Enter to open, Esc to close',
      failed: 'The search failed.',
    },
    listTotal: {
      range: '{from}–{to} of {total}',
      none: 'No records',
      actions: 'Actions',
    },
  },
  'zh-CN': {
    myDay: {
      title: '我的一天',
      today: '今天，{date}',
      open: '打开列表',
      more: '共 {n} 条',
      total: '合计',
      count: '{n} 条记录',
      approval: '{entity}的{workflow}',
      loadFailed: '无法加载首页。',
      nothing: '暂无内容。',
      browse: '全部功能',
      recent: '最近查看',
      recentNone: '您打开过的记录会显示在这里。',
    },
    globalSearch: {
      placeholder: '搜索全部…',
      label: '全局搜索',
      none: '没有与“{q}”匹配的记录。',
      more: '在{entity}中查看更多…',
      hint: '↑↓ 选择，回车打开，Esc 关闭',
      failed: '搜索失败。',
    },
    listTotal: {
      range: '第 {from}–{to} 条，共 {total} 条',
      none: '没有记录',
      actions: '操作',
    },
  },
});
