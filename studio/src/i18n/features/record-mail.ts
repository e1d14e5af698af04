import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    recordMail: {
      title: 'E-mails',
      empty: 'No e-mail has been sent or received about this record.',
      failed: 'The e-mails could not be loaded',
      in: 'Received',
      out: 'Sent',
      to: 'To',
      from: 'From',
      noSubject: '(no subject)',
      attachments: 'Attachments',
      status: {
        sent: 'Sent',
        failed: 'Not sent',
        skipped: 'Skipped',
        received: 'Received',
        unparsed: 'Could not be read',
      },
    },
  },
  'zh-CN': {
    recordMail: {
      title: '邮件',
      empty: '还没有与此记录相关的收发邮件。',
      failed: '邮件加载失败',
      in: '收到',
      out: '发出',
      to: '收件人',
      from: '发件人',
      noSubject: '（无主题）',
      attachments: '附件',
      status: {
        sent: '已发送',
        failed: '发送失败',
        skipped: '已跳过',
        received: '已收到',
        unparsed: '无法解析',
      },
    },
  },
});
