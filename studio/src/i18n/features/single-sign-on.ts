import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    singleSignOn: {
      with: 'Sign in with {name}',
      or: 'or',
      failed: 'The sign-in with your provider did not work.',
    },
  },
  'zh-CN': {
    singleSignOn: {
      with: '使用 {name} 登录',
      or: '或',
      failed: '通过登录提供方登录未成功。',
    },
  },
});
