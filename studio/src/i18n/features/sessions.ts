import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    sessions: {
      title: 'Where you are signed in',
      none: 'No other sessions.',
      thisDevice: 'This device',
      unknownDevice: 'Unknown device',
      detail: 'From {ip} · last active {when}',
      end: 'Sign out',
      confirmEnd: 'Sign out the session on {device}?',
      ended: 'Session signed out',
      endAll: 'Sign out everywhere',
      confirmEndAll: 'Sign {name} out on every device?',
      endedAll: '{name} was signed out of {count} session(s)',
    },
    userManager: { label: 'Manager', none: 'No manager', help: 'Sees and, where a role says so, edits what this user owns.' },
    enrolTwoFactor: {
      title: 'Set up two-factor sign-in',
      why: 'Your role requires two-factor sign-in. Set it up with an authenticator app to continue.',
      start: 'Set it up',
      continue: 'Continue',
    },
  },
  'zh-CN': {
    sessions: {
      title: '已登录的设备',
      none: '没有其他会话。',
      thisDevice: '本设备',
      unknownDevice: '未知设备',
      detail: '来自 {ip} · 最近活动 {when}',
      end: '退出登录',
      confirmEnd: '退出 {device} 上的会话？',
      ended: '已退出该会话',
      endAll: '在所有设备上退出',
      confirmEndAll: '让 {name} 在所有设备上退出登录？',
      endedAll: '已让 {name} 退出 {count} 个会话',
    },
    userManager: { label: '上级', none: '无上级', help: '可查看（在角色允许时可编辑）此用户负责的记录。' },
    enrolTwoFactor: {
      title: '设置两步验证',
      why: '您的角色要求两步验证。请使用身份验证器应用完成设置后继续。',
      start: '开始设置',
      continue: '继续',
    },
  },
});
