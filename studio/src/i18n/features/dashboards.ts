import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    dashboards: {
      notFound: 'There is no dashboard "{name}"',
      noWidgets: 'This dashboard has no widgets yet.',
      empty: 'No data to show',
      failed: 'This report could not be run',
      drillHint: 'Click a bar or slice to see its records.',
      openRecords: 'Open the records',
      none: '(none)',
      truncated: 'Only the first rows are shown.',
      homeTitle: 'Dashboards',
      showTable: 'Show as a table',
      showChart: 'Show as a chart',
    },
  },
  'zh-CN': {
    dashboards: {
      notFound: '没有名为“{name}”的仪表板',
      noWidgets: '此仪表板还没有组件。',
      empty: '暂无数据',
      failed: '此报表无法运行',
      drillHint: '点击柱形或扇区查看对应记录。',
      openRecords: '打开记录',
      none: '（空）',
      truncated: '仅显示前面的行。',
      homeTitle: '仪表板',
      showTable: '以表格显示',
      showChart: '以图表显示',
    },
  },
});
