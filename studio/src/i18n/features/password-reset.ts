import { defineMessages } from './define.js';

export default defineMessages({
  en: {
    passwordReset: {
      forgot: 'Forgot password?',
      title: 'Reset your password',
      intro: 'Enter your tenant and e-mail address; we send you a link to set a new password.',
      send: 'Send the link',
      sent: 'If the address belongs to a user of this tenant, a link is on its way. It works once, for one hour.',
      newTitle: 'Choose a new password',
      password: 'New password',
      confirm: 'Repeat the new password',
      mismatch: 'The two passwords differ',
      save: 'Set the password',
      done: 'Your password is set. Sign in with it.',
      invalid: 'This link is not valid any more. Ask for a new one.',
      backToSignIn: 'Back to sign-in',
      required: 'Enter your tenant and e-mail address',
    },
  },
  'zh-CN': {
    passwordReset: {
      forgot: '忘记密码？',
      title: '重置密码',
      intro: '请输入租户和电子邮件地址，我们将向您发送设置新密码的链接。',
      send: '发送链接',
      sent: '如果该地址属于此租户的用户，链接已在发送途中。链接仅可使用一次，一小时内有效。',
      newTitle: '设置新密码',
      password: '新密码',
      confirm: '再次输入新密码',
      mismatch: '两次输入的密码不一致',
      save: '设置密码',
      done: '密码已设置，请使用新密码登录。',
      invalid: '此链接已失效，请重新申请。',
      backToSignIn: '返回登录',
      required: '请输入租户和电子邮件地址',
    },
  },
});
