import { mailerOf } from '../mail/index.js';
import { servicesFromEnv } from '../workflow/services-from-env.js';

const TEXTS = {
  invitation: {
    subject: (tenant: string) => `Your invitation to the ${tenant} portal / ${tenant} 门户邀请`,
    body: (name: string, tenant: string, url: string) =>
      `Hello ${name},\n\nYou are invited to the ${tenant} portal. Set your password here (the link works once, for 7 days):\n${url}\n\n${name}，您好：\n\n您受邀使用 ${tenant} 门户。请通过以下链接设置密码（链接仅可使用一次，7 天内有效）：\n${url}\n`,
  },
  reset: {
    subject: (tenant: string) => `Reset your ${tenant} portal password / 重置 ${tenant} 门户密码`,
    body: (name: string, tenant: string, url: string) =>
      `Hello ${name},\n\nSet a new password for the ${tenant} portal here (the link works once, for one hour):\n${url}\n\n${name}，您好：\n\n请通过以下链接设置新的 ${tenant} 门户密码（链接仅可使用一次，一小时内有效）：\n${url}\n`,
  },
  staffReset: {
    subject: (tenant: string) => `Reset your ${tenant} password / 重置您在 ${tenant} 的密码`,
    body: (name: string, tenant: string, url: string) =>
      `Hello ${name},\n\nSomeone asked to reset your password for ${tenant}. Set a new one here (the link works once, for one hour):\n${url}\n\nIf it was not you, ignore this message; your password stays as it is.\n\n${name}，您好：\n\n有人请求重置您在 ${tenant} 的密码。请通过以下链接设置新密码（链接仅可使用一次，一小时内有效）：\n${url}\n\n如果不是您本人操作，请忽略此邮件，您的密码不会改变。\n`,
  },
  verification: {
    subject: (tenant: string) => `Confirm your e-mail address for the ${tenant} portal / 确认您在 ${tenant} 门户的电子邮件地址`,
    body: (name: string, tenant: string, url: string) =>
      `Hello ${name},\n\nConfirm your e-mail address to finish registering for the ${tenant} portal (the link works once, for 24 hours):\n${url}\n\nIf you did not register, ignore this message.\n\n${name}，您好：\n\n请通过以下链接确认您的电子邮件地址，以完成 ${tenant} 门户注册（链接仅可使用一次，24 小时内有效）：\n${url}\n\n如果您没有注册，请忽略此邮件。\n`,
  },
} as const;

/**
 * Sends a single-use link (a portal invitation, reset or verification; a staff password
 * reset) by e-mail, in English and Chinese, through the engine's mail setting
 * (CRM_SMTP_URL, CRM_MAIL_FROM). Answers false when no mail is set up, so the caller
 * shows or logs the link instead.
 */
export const sendLinkMail = async (input: { to: string; name: string; tenantName: string; url: string; purpose: keyof typeof TEXTS }): Promise<boolean> => {
  const { mail } = servicesFromEnv();
  if (!mail) return false;
  const t = TEXTS[input.purpose];
  await mailerOf(mail).sendMail({ from: mail.from, to: input.to, subject: t.subject(input.tenantName), text: t.body(input.name, input.tenantName, input.url) });
  return true;
};
