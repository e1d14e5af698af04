import type { Knex } from 'knex';
import { fillText, type Locale } from '../../errors.js';
import { insertNotifications } from '../steps/notify/insert-notifications.js';
import { byLocale } from '../steps/local-text.js';

/** The engine's words for what delegation and reassignment tell people. */
export const DELEGATION_TEXTS = {
  onBehalfNeeded: { en: 'Approval needed for {approver} (you stand in): {title}', 'zh-CN': '代 {approver} 审批（您是代理人）：{title}' },
  decidedForYou: { en: '{decider} {decision} on your behalf: {title}', 'zh-CN': '{decider} 已代您{decision}：{title}' },
  reassignedToYou: { en: 'Approval reassigned to you from {from}: {title}', 'zh-CN': '{from} 的审批已转交给您：{title}' },
  reassignedAway: { en: 'Your approval went to {to}: {title}', 'zh-CN': '您的审批已转交给 {to}：{title}' },
  delegateSet: { en: '{approver} named you their out-of-office delegate from {from} to {to}', 'zh-CN': '{approver} 指定您为 {from} 至 {to} 的外出代理人' },
  approved: { en: 'approved', 'zh-CN': '批准' },
  rejected: { en: 'rejected', 'zh-CN': '驳回' },
} as const;

export type NoticeKey = Exclude<keyof typeof DELEGATION_TEXTS, 'approved' | 'rejected'>;

/** An approval's title in a language: the stored title, else the entity's name. */
export const approvalTitle = (a: { title?: unknown; entity?: string | null }, locale: Locale): string => {
  const t = a.title as Partial<Record<Locale, string>> | null | undefined;
  return t?.[locale] ?? t?.en ?? a.entity ?? '';
};

/** One notification per user, each in the user's language. */
export const sendNotice = async (
  db: Knex.Transaction,
  users: string[],
  locales: Record<string, Locale> | undefined,
  key: NoticeKey,
  params: (locale: Locale) => Record<string, string>,
  about: { entity?: string | null; recordId?: string | null; runId?: string | null } = {},
): Promise<void> => {
  for (const [locale, group] of byLocale(users, locales)) {
    await insertNotifications(db, group, { title: fillText(DELEGATION_TEXTS[key][locale], params(locale)), ...about });
  }
};

/** "approved" / "rejected" in a language. */
export const decisionWord = (status: 'approved' | 'rejected', locale: Locale): string => DELEGATION_TEXTS[status][locale];
