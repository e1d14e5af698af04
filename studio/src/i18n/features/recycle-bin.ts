import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    recycleBin: {
      nav: 'Recycle bin',
      title: 'Recycle bin',
      entity: 'Kind of record',
      record: 'Record',
      deletedBy: 'Deleted by',
      deletedAt: 'Deleted',
      someone: 'Someone',
      empty: 'Nothing here: no deleted records of this kind.',
      restore: 'Restore',
      restored: '“{title}” is back.',
      undo: 'Undo',
      purge: 'Delete for ever',
      confirmPurge: 'Delete “{title}” for ever? This cannot be undone.',
      purged: 'Deleted for ever',
      more: 'Show more',
    },
  },
  'zh-CN': {
    recycleBin: {
      nav: '回收站',
      title: '回收站',
      entity: '记录类型',
      record: '记录',
      deletedBy: '删除人',
      deletedAt: '删除时间',
      someone: '某人',
      empty: '这里没有此类已删除的记录。',
      restore: '恢复',
      restored: '“{title}”已恢复。',
      undo: '撤销',
      purge: '彻底删除',
      confirmPurge: '彻底删除“{title}”？此操作无法撤销。',
      purged: '已彻底删除',
      more: '显示更多',
    },
  },
});
